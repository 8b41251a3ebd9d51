"""The plan's pages against a quarter worked out by hand: plan vs actual per month (the month under way to date and
pro rata, a stay crossing a month's end, a definite banquet counted and a tentative one not, the promotions'
budgets), one segment's figures, the Excel download, the grid of targets and who may change it, flat queries."""

import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from marketing.models import PlanTarget
from marketing.plans.targets import set_targets
from reservations.rooms.stays import book_room
from tests.factories import (
    AccountFactory,
    BookingFactory,
    FunctionRoomFactory,
    MarketingPlanFactory,
    ProfileFactory,
    PromotionFactory,
    RoomTypeFactory,
    make_event,
)
from tests.helpers import at

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 10)
D = Decimal


@pytest.fixture
def plan():
    """The first quarter of 2027; each figure's working is in the tests."""
    king = RoomTypeFactory(code="K", rooms=20)
    corporate = ProfileFactory(account=AccountFactory(segment="corporate"))
    # 2 rooms × 500 from 30 January to 2 February: January 2,000, February 1,000 (corporate).
    book_room(guest=corporate, arrival=date(2027, 1, 30), departure=date(2027, 2, 2), room_type=king, rooms=2,
              rate=D("500"))  # fmt: skip
    # 1 × 600 for 1–3 March (leisure): 1,200 by today; a stay from 20 March is not revenue yet.
    book_room(guest=ProfileFactory(), arrival=date(2027, 3, 1), departure=date(2027, 3, 3), room_type=king,
              rate=D("600"))  # fmt: skip
    book_room(guest=ProfileFactory(), arrival=date(2027, 3, 20), departure=date(2027, 3, 22), room_type=king,
              rate=D("600"))  # fmt: skip
    hall = FunctionRoomFactory(capacity=300)
    # A definite wedding on 14 February: 50 × 200 = 10,000. A tentative one on 20 February is not counted.
    wedding = BookingFactory(kind="banquet", status="definite", segment="wedding")
    make_event(wedding, hall, start=at(date(2027, 2, 14), 18), expected=50, menu_price=D("200"))
    tentative = BookingFactory(kind="banquet", status="tentative", segment="wedding")
    make_event(tentative, hall, start=at(date(2027, 2, 20), 18), expected=80, menu_price=D("300"))
    # Promotions starting in February: 8,000 for weddings, 2,000 for corporate clients; December's is last year's.
    PromotionFactory(starts_on=date(2027, 2, 1), segments=["wedding"], budget=D("8000"))
    PromotionFactory(starts_on=date(2027, 2, 15), segments=["corporate"], budget=D("2000"))
    PromotionFactory(starts_on=date(2026, 12, 20), segments=["wedding"], budget=D("5000"))
    plan = MarketingPlanFactory(year=2027)
    set_targets(
        plan=plan,
        segment="",
        amounts={(1, "rooms"): D("2500"), (2, "rooms"): D("1000"), (2, "banquets"): D("8000"), (3, "rooms"): D("3100")},
    )
    set_targets(plan=plan, segment="wedding", amounts={(2, "banquets"): D("12000")})
    return plan


def today(client_for, role: str, path: str, params=None, **extra):
    """A page as `role` sees it on TODAY (signed in that day: a session of today's date would have expired)."""
    with time_machine.travel(at(TODAY, 12), tick=False):
        return client_for(role).get(path, params or {}, HTTP_ACCEPT_LANGUAGE="en", **extra)


def page(client_for, role, plan, **params):
    return today(client_for, role, reverse("marketing:plan-detail", args=[plan.year]), params)


def figures(month) -> list[tuple]:
    return [(f.target, f.actual, f.variance, f.variance_percent) for f in month.figures]


def test_the_plan_sets_each_month_against_its_actuals(plan, client_for):
    report = page(client_for, "sales", plan).context["report"]
    january, february, march, april = report.months[:4]

    # Rooms, banquets, meetings, total.
    assert figures(january) == [
        (D("2500"), D("2000.00"), D("-500.00"), D("-20.0")),
        (None, D("0.00"), None, None),
        (None, D("0.00"), None, None),
        (D("2500"), D("2000.00"), D("-500.00"), D("-20.0")),
    ]
    assert figures(february) == [
        (D("1000"), D("1000.00"), D("0.00"), D("0.0")),
        (D("8000"), D("10000.00"), D("2000.00"), D("25.0")),
        (None, D("0.00"), None, None),
        (D("9000"), D("11000.00"), D("2000.00"), D("22.2")),
    ]
    assert february.budget == D("10000")
    # March is under way: 10 of its 31 days, so its 3,100 is 1,000.00 to date; the stay of 20 March is not in.
    assert march.state == "to_date"
    assert march.total.target_to_date == D("1000.00")
    assert figures(march)[0] == (D("3100"), D("1200.00"), D("200.00"), D("20.0"))
    assert april.state == "ahead"
    assert figures(april)[3] == (None, None, None, None)


def test_the_year_to_date_adds_up_the_months_begun(plan, client_for):
    response = page(client_for, "manager", plan)
    report = response.context["report"]

    # Targets to date 2,500 + 9,000 + 1,000; actuals 2,000 + 11,000 + 1,200.
    assert figures(report.year_to_date)[3] == (D("12500.00"), D("14200.00"), D("1700.00"), D("13.6"))
    assert report.year_to_date.budget == D("10000")
    # The year's target is 2,500 + 9,000 + 3,100 = 14,600, of which 14,200 is made: 97.3 %.
    assert (report.year_target, report.achieved_percent) == (D("14600"), D("97.3"))
    assert 'href="/marketing/plans/2027/targets/"' in response.content.decode()  # the manager's way to the grid


def test_the_page_shows_the_chart_the_table_and_the_figures_to_date(plan, client_for):
    response = page(client_for, "sales", plan)
    html = response.content.decode()

    chart = response.context["charts"]
    assert chart["labels"][:3] == ["Jan", "Feb", "Mar"]
    assert [series["values"][:4] for series in chart["streams"]] == [
        [2000.0, 1000.0, 1200.0, None],
        [0.0, 10000.0, 0.0, None],
        [0.0, 0.0, 0.0, None],
    ]
    assert chart["target"]["values"][:4] == [2500.0, 9000.0, 3100.0, None]
    assert 'id="chart-data"' in html
    assert "to date" in html
    assert "14,200" in html  # actual to date, grouped
    assert 'href="/marketing/plans/2027/targets/"' not in html  # sales read the plan; managers set it


def test_a_segment_shows_its_targets_actuals_and_budgets(plan, client_for):
    report = page(client_for, "sales", plan, segment="wedding").context["report"]
    february = report.months[1]

    assert figures(february)[1] == (D("12000"), D("10000.00"), D("-2000.00"), D("-16.7"))
    assert figures(february)[0] == (None, D("0.00"), None, None)
    assert report.months[0].total.actual == D("0.00")  # January's corporate stay is not a wedding's
    assert february.budget == D("8000")


def test_a_segment_that_is_none_answers_400_with_the_whole_hotel(plan, client_for):
    response = page(client_for, "sales", plan, segment="pets")

    assert response.status_code == 400
    assert response.context["report"].segment == ""
    assert "segment" in response.context["form"].errors


def test_the_download_is_the_table_as_a_workbook(plan, client_for):
    response = today(client_for, "sales", reverse("marketing:plan-export", args=[plan.year]), {"segment": "wedding"})

    assert response["Content-Disposition"].endswith('filename="marketing-plan-2027-wedding.xlsx"')
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[0][:5] == ("Month", "Rooms target", "Rooms actual", "Rooms variance", "Rooms variance %")
    assert rows[0][-1] == "Promotion budget"
    assert len(rows) == 1 + 12 + 1
    february = rows[2]
    assert february[0] == "2027-02"
    assert february[5:9] == (12000, 10000, -2000, -16.7)
    assert february[-1] == 8000
    assert rows[-1][0] == "Year to date"


def test_a_manager_sets_a_segments_targets_in_the_grid(plan, client_for):
    url = reverse("marketing:plan-targets", args=[plan.year]) + "?segment=wedding"
    response = client_for("manager").post(url, {"banquets-2": "15000", "banquets-9": "30000.5", "rooms-5": ""})

    assert response.status_code == 302
    assert response["Location"] == "/marketing/plans/2027/?segment=wedding"
    saved = {(t.month, t.stream): t.amount for t in PlanTarget.objects.filter(plan=plan, segment="wedding")}
    assert saved == {(2, "banquets"): D("15000"), (9, "banquets"): D("30000.50")}
    assert PlanTarget.objects.filter(plan=plan, segment="").count() == 4  # the hotel's layer is untouched


def test_a_bad_amount_answers_400_on_its_cell_and_saves_nothing(plan, client_for):
    url = reverse("marketing:plan-targets", args=[plan.year])
    response = client_for("manager").post(url, {"rooms-1": "9999", "meetings-4": "十万"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.context["form"].errors == {"meetings-4": ["Enter a number."]}
    assert 'class="invalid-feedback" id="id_meetings-4-error"' in response.content.decode()
    assert PlanTarget.objects.get(plan=plan, segment="", month=1, stream="rooms").amount == D("2500")


def test_sales_cannot_change_the_targets(plan, client_for):
    response = client_for("sales").post(reverse("marketing:plan-targets", args=[plan.year]), {"rooms-1": "1"})

    assert response.status_code == 403
    assert PlanTarget.objects.get(plan=plan, segment="", month=1, stream="rooms").amount == D("2500")


def test_a_manager_makes_a_plan_for_the_first_year_without_one(client_for, cast):
    MarketingPlanFactory(year=2027)

    with time_machine.travel(at(TODAY, 12), tick=False):
        client = client_for("manager")
        form = client.get(reverse("marketing:plan-create")).context["form"]
        response = client.post(reverse("marketing:plan-create"), {"year": "2028", "owner": cast["sales"].pk})

    assert form["year"].value() == 2028
    assert response.status_code == 302
    assert response["Location"] == reverse("marketing:plan-targets", args=[2028])


@pytest.mark.parametrize("plans", [1, 6])
def test_the_list_and_the_plan_keep_their_query_counts(plans, client_for, django_assert_max_num_queries):
    made = [MarketingPlanFactory(year=2020 + n) for n in range(plans)]
    for plan in made:
        set_targets(plan=plan, segment="", amounts={(month, "rooms"): D("1000") for month in range(1, 13)})
    PromotionFactory.create_batch(plans, starts_on=date(2025, 3, 1))
    client = client_for("sales")

    with django_assert_max_num_queries(6):
        assert client.get(reverse("marketing:plan-list")).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(reverse("marketing:plan-detail", args=[made[-1].year])).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(reverse("marketing:plan-export", args=[made[-1].year])).status_code == 200


@pytest.mark.parametrize(
    ("role", "shown"), [("sales", True), ("manager", True), ("front_desk", False), ("receivables", False)]
)
def test_the_marketing_menu_holds_the_plan_for_sales_and_managers(client_for, role, shown):
    home = client_for(role).get(reverse("overview:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (reverse("marketing:plan-list") in home) is shown
