"""A campaign's figures against its control group, computed by hand."""

from decimal import Decimal

import pytest

from marketing.measurement import Group, Results, in_control_group


def test_the_control_group_is_reproducible_and_about_its_share():
    members = range(1, 20_001)
    first = [m for m in members if in_control_group("campaign-7", m, Decimal("0.10"))]
    again = [m for m in members if in_control_group("campaign-7", m, Decimal("0.10"))]
    other_campaign = [m for m in members if in_control_group("campaign-8", m, Decimal("0.10"))]
    assert first == again
    assert 1_850 <= len(first) <= 2_150  # 10 % of 20,000, within about 3.5 standard deviations
    assert first != other_campaign
    assert not [m for m in members if in_control_group("campaign-7", m, Decimal("0"))]
    assert all(in_control_group("campaign-7", m, Decimal("1")) for m in range(1, 100))


def test_uplift_its_interval_incremental_revenue_and_roi_by_hand():
    # Contacted: 900 members, 90 booked (10 %), ¥450,000; control: 100 members, 5 booked (5 %), ¥20,000.
    results = Results(
        contacted=Group(members=900, converted=90, revenue=Decimal("450000")),
        control=Group(members=100, converted=5, revenue=Decimal("20000")),
        cost=Decimal("30000"),
    )
    assert (results.conversion_rate, results.control_rate, results.uplift) == (
        Decimal("10.0"),
        Decimal("5.0"),
        Decimal("5.0"),
    )
    # √(0.1·0.9/900 + 0.05·0.95/100) = √(0.0001 + 0.000475) = 0.023979…; × 1.95996 = 0.046998: 5 ± 4.7 points
    assert results.uplift_interval == (Decimal("0.3"), Decimal("9.7"))
    assert results.significant
    assert results.incremental_conversions == Decimal("45.0")  # 90 − 900 × 5/100
    assert results.incremental_revenue == Decimal("270000.00")  # 450,000 − 900 × 200
    assert results.cost_per_conversion == Decimal("333.33")  # 30,000 / 90
    assert results.roi == Decimal("800.0")  # (270,000 − 30,000) / 30,000


def test_a_control_group_that_did_as_well_shows_no_uplift_and_a_loss():
    results = Results(
        contacted=Group(members=1800, converted=72, revenue=Decimal("360000")),
        control=Group(members=200, converted=8, revenue=Decimal("40000")),
        cost=Decimal("12000"),
    )
    assert results.uplift == Decimal("0.0")
    low, high = results.uplift_interval
    assert low < 0 < high
    assert not results.significant
    assert results.incremental_conversions == Decimal("0.0")
    assert results.incremental_revenue == Decimal("0.00")
    assert results.roi == Decimal("-100.0")


@pytest.mark.parametrize(
    ("contacted", "control", "why"),
    [(0, 100, "Nobody was contacted yet."), (500, 0, "There is no control group to compare with."),
     (500, 29, "Too few members to compare: at least 30 in each group.")],
)  # fmt: skip
def test_without_the_data_for_it_no_comparison_is_shown_and_it_says_why(contacted, control, why):
    results = Results(
        contacted=Group(members=contacted, converted=contacted // 10, revenue=Decimal("1000")),
        control=Group(members=control, converted=control // 20, revenue=Decimal("100")),
        cost=Decimal("500"),
    )
    assert results.why_not == why
    assert (results.uplift, results.uplift_interval, results.incremental_revenue, results.roi) == (None,) * 4
    assert not results.significant


def test_no_cost_means_no_roi_and_no_conversion_no_cost_per_conversion():
    results = Results(
        contacted=Group(members=100, converted=0, revenue=Decimal("0")),
        control=Group(members=100, converted=0, revenue=Decimal("0")),
        cost=Decimal("0"),
    )
    assert (results.roi, results.cost_per_conversion) == (None, None)
