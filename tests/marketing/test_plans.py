"""Marketing plans and their targets: one plan a year, one target per (month, stream, segment) held by the database,
the targets of a layer set all at once, and the grid's field errors for amounts that are not amounts."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from marketing.models import MarketingPlan, PlanTarget
from marketing.plans.forms import PlanForm, TargetGridForm
from marketing.plans.targets import create_plan, set_targets
from tests.factories import MarketingPlanFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return MarketingPlanFactory(year=2027)


def targets_of(plan, segment="") -> dict:
    return {(t.month, t.stream): t.amount for t in PlanTarget.objects.filter(plan=plan, segment=segment)}


def test_a_year_has_one_plan():
    owner = UserFactory(roles=["manager"])
    create_plan(year=2027, owner=owner)

    with pytest.raises(ValidationError) as refusal:
        create_plan(year=2027, owner=owner, notes="第二份")
    assert refusal.value.message_dict["year"] == ["There is already a plan for this year."]


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_plan_is_made_for_a_year_the_calendar_shows(year):
    with pytest.raises(ValidationError) as refusal:
        create_plan(year=year, owner=UserFactory())
    assert "year" in refusal.value.message_dict
    assert not MarketingPlan.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"month": 1, "stream": "rooms", "segment": "", "amount": Decimal("1")},  # the same cell again
        {"month": 13, "stream": "rooms", "segment": "", "amount": Decimal("1")},
        {"month": 0, "stream": "rooms", "segment": "", "amount": Decimal("1")},
        {"month": 1, "stream": "spa", "segment": "", "amount": Decimal("1")},
        {"month": 1, "stream": "rooms", "segment": "pets", "amount": Decimal("1")},
        {"month": 1, "stream": "rooms", "segment": "wedding", "amount": Decimal("-0.01")},
    ],
)
def test_the_database_holds_the_targets_rules(plan, fields):
    PlanTarget.objects.create(plan=plan, month=1, stream="rooms", segment="", amount=Decimal("100"))

    with pytest.raises(IntegrityError), transaction.atomic():
        PlanTarget.objects.create(plan=plan, **fields)


def test_the_same_cell_may_have_a_target_for_the_hotel_and_one_for_each_segment(plan):
    set_targets(plan=plan, segment="", amounts={(1, "rooms"): Decimal("100000")})
    set_targets(plan=plan, segment="wedding", amounts={(1, "rooms"): Decimal("20000")})

    assert targets_of(plan) == {(1, "rooms"): Decimal("100000")}
    assert targets_of(plan, "wedding") == {(1, "rooms"): Decimal("20000")}


def test_setting_targets_adds_changes_and_clears_cells_and_leaves_the_others(plan):
    set_targets(plan=plan, segment="", amounts={(1, "rooms"): Decimal("1000"), (2, "banquets"): Decimal("500")})
    set_targets(plan=plan, segment="mice", amounts={(2, "banquets"): Decimal("300")})

    held = set_targets(
        plan=plan,
        segment="",
        amounts={(1, "rooms"): Decimal("1200"), (2, "banquets"): None, (3, "meetings"): Decimal("0")},
    )

    assert held == 2
    assert targets_of(plan) == {(1, "rooms"): Decimal("1200"), (3, "meetings"): Decimal("0")}
    assert targets_of(plan, "mice") == {(2, "banquets"): Decimal("300")}


def test_a_negative_target_saves_nothing(plan):
    set_targets(plan=plan, segment="", amounts={(1, "rooms"): Decimal("1000")})

    with pytest.raises(ValidationError):
        set_targets(plan=plan, segment="", amounts={(1, "rooms"): None, (2, "rooms"): Decimal("-5")})

    assert targets_of(plan) == {(1, "rooms"): Decimal("1000")}


def test_the_grid_has_a_field_per_month_and_stream_and_shows_whole_amounts_plainly(plan):
    form = TargetGridForm(plan=plan, targets={(3, "rooms"): Decimal("12000.00"), (3, "meetings"): Decimal("99.50")})

    assert len(form.fields) == 36
    assert form["rooms-3"].value() == Decimal("12000")
    assert str(form["rooms-3"].value()) == "12000"
    assert form["meetings-3"].value() == Decimal("99.50")
    assert [month.month for month, _fields in form.rows] == list(range(1, 13))


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("abc", "Enter a number."),
        ("-1", "Ensure this value is greater than or equal to 0."),
        ("12.345", "Ensure that there are no more than 2 decimal places."),
        ("1e20", "Ensure that there are no more than 14 digits in total."),
        ("NaN", "Enter a number."),
    ],
)
def test_the_grid_answers_a_bad_amount_on_its_cell(plan, value, error):
    form = TargetGridForm({"rooms-1": "1000", "banquets-2": value}, plan=plan, targets={})

    assert not form.is_valid()
    assert form.errors == {"banquets-2": [error]}


def test_the_grid_reads_its_cells_only(plan):
    data = {"rooms-1": "1000", "banquets-2": "", "rooms-13": "5", "spa-1": "9", "rooms-1-x": "7"}
    form = TargetGridForm(data, plan=plan, targets={})

    assert form.is_valid()
    amounts = form.amounts()
    assert len(amounts) == 36
    assert amounts[(1, "rooms")] == Decimal("1000")
    assert amounts[(2, "banquets")] is None


def test_a_plans_year_is_fixed_once_made(plan):
    form = PlanForm({"year": "2030", "owner": plan.owner.pk, "notes": "调整"}, instance=plan)

    assert form.is_valid(), form.errors
    form.save()
    plan.refresh_from_db()
    assert (plan.year, plan.notes) == (2027, "调整")


def test_the_form_says_when_the_year_has_a_plan(plan):
    form = PlanForm({"year": "2027", "owner": plan.owner.pk})

    assert form.errors == {"year": ["There is already a plan for this year."]}
