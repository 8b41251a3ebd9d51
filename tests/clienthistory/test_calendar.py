import re
from datetime import date

import pytest
from django.urls import reverse

from clienthistory.calendar import Span, activity_calendar, build_grid
from clienthistory.models import Activity
from tests.factories import AccountFactory, ActivityFactory, ProfileFactory, UserFactory
from tests.helpers import at


@pytest.fixture(autouse=True)
def _hotel_time_zone(settings):
    settings.TIME_ZONE = "Asia/Shanghai"


def dates_of(grid) -> list[list[date]]:
    return [[day.date for day in week] for week in grid.weeks]


def test_a_week_runs_monday_to_sunday_with_each_days_activities_by_time():
    morning, evening, monday = (
        Activity(purpose="早会", due_at=at(date(2026, 11, 25), 9)),
        Activity(purpose="晚宴", due_at=at(date(2026, 11, 25), 19)),
        Activity(purpose="周一电话", due_at=at(date(2026, 11, 23), 10)),
    )
    grid = build_grid([monday, morning, evening], span=Span.WEEK, anchor=date(2026, 11, 26), today=date(2026, 11, 25))
    (week,) = grid.weeks
    assert [day.date for day in week] == [date(2026, 11, day) for day in range(23, 30)]
    assert [day.activities for day in week] == [[monday], [], [morning, evening], [], [], [], []]
    assert [day.today for day in week] == [False, False, True, False, False, False, False]
    assert (grid.previous, grid.next) == (date(2026, 11, 16), date(2026, 11, 30))


def test_a_month_that_starts_on_a_sunday_fills_six_weeks():
    first, last = Activity(due_at=at(date(2026, 11, 1), 10)), Activity(due_at=at(date(2026, 11, 30), 10))
    grid = build_grid([first, last], span=Span.MONTH, anchor=date(2026, 11, 17), today=date(2026, 12, 1))
    weeks = dates_of(grid)
    assert len(weeks) == 6
    assert weeks[0] == [date(2026, 10, 26 + offset) for offset in range(6)] + [date(2026, 11, 1)]
    assert weeks[-1][0] == date(2026, 11, 30)
    assert weeks[-1][-1] == date(2026, 12, 6)
    assert [day.activities for day in grid.weeks[0]][-1] == [first]
    assert grid.weeks[-1][0].activities == [last]
    assert [day.outside for day in grid.weeks[0]] == [True] * 6 + [False]
    assert grid.weeks[-1][1].today
    assert grid.weeks[-1][1].outside
    assert (grid.previous, grid.next) == (date(2026, 10, 1), date(2026, 12, 1))


def test_a_month_of_exactly_four_weeks_shows_no_other_month():
    grid = build_grid([], span=Span.MONTH, anchor=date(2027, 2, 1), today=date(2027, 2, 1))
    assert dates_of(grid)[0][0] == date(2027, 2, 1)
    assert dates_of(grid)[-1][-1] == date(2027, 2, 28)
    assert len(grid.weeks) == 4
    assert not any(day.outside for week in grid.weeks for day in week)


def test_a_weeks_agenda_lists_every_day_and_a_months_only_its_own_busy_days_and_today():
    busy, before = Activity(due_at=at(date(2026, 11, 12), 10)), Activity(due_at=at(date(2026, 10, 30), 10))
    week = build_grid([busy], span=Span.WEEK, anchor=date(2026, 11, 12), today=date(2026, 11, 20))
    assert [day.date for day in week.agenda] == [date(2026, 11, day) for day in range(9, 16)]
    month = build_grid([before, busy], span=Span.MONTH, anchor=date(2026, 11, 12), today=date(2026, 11, 20))
    assert [(day.date, day.activities) for day in month.agenda] == [
        (date(2026, 11, 12), [busy]),
        (date(2026, 11, 20), []),
    ]


def test_an_activity_late_in_the_evening_lands_on_the_local_date():
    late = Activity(due_at=at(date(2026, 11, 29), 23, 30))  # 15:30 UTC
    early = Activity(due_at=at(date(2026, 12, 1), 7, 30))  # 23:30 UTC the day before
    grid = build_grid([late, early], span=Span.MONTH, anchor=date(2026, 11, 1), today=date(2026, 11, 1))
    on = {day.date: day.activities for week in grid.weeks for day in week}
    assert on[date(2026, 11, 29)] == [late]
    assert on[date(2026, 11, 30)] == []
    assert on[date(2026, 12, 1)] == [early]


@pytest.mark.django_db
def test_the_week_reads_the_local_week_from_the_database(cast):
    sales = cast["sales"]
    sunday_night = ActivityFactory(owner=sales, due_at=at(date(2026, 11, 29), 23, 30))
    monday_early = ActivityFactory(owner=sales, due_at=at(date(2026, 11, 30), 0, 30))  # still Sunday in UTC
    ActivityFactory(due_at=at(date(2026, 11, 25), 10))  # somebody else's
    grid = activity_calendar(owner=sales, span=Span.WEEK, anchor=date(2026, 11, 23), today=date(2026, 11, 23))
    assert [day.activities for day in grid.weeks[0]] == [[], [], [], [], [], [], [sunday_night]]
    following = activity_calendar(owner=sales, span=Span.WEEK, anchor=grid.next, today=date(2026, 11, 23))
    assert following.weeks[0][0].activities == [monday_early]


@pytest.mark.django_db
def test_a_salesperson_sees_only_their_own_calendar(client_for, cast):
    mine = ActivityFactory(owner=cast["sales"], due_at=at(date(2026, 11, 24), 10), purpose="拜访华为")
    theirs = ActivityFactory(owner=cast["manager"], due_at=at(date(2026, 11, 24), 11), purpose="经理的拜访")
    query = {"view": "week", "date": "2026-11-24", "owner": cast["manager"].pk}
    page = client_for("sales").get(reverse("clienthistory:activity-calendar"), query)
    assert page.context["owner"] == cast["sales"]
    assert mine.purpose in page.content.decode()
    assert theirs.purpose not in page.content.decode()


@pytest.mark.django_db
def test_a_manager_looks_at_a_salespersons_month(client_for, cast):
    visit = ActivityFactory(owner=cast["sales"], due_at=at(date(2026, 11, 1), 10), purpose="周日拜访")
    query = {"view": "month", "date": "2026-11-15", "owner": cast["sales"].pk}
    page = client_for("manager").get(reverse("clienthistory:activity-calendar"), query)
    grid = page.context["grid"]
    assert page.context["owner"] == cast["sales"]
    assert grid.weeks[0][-1].activities == [visit]
    assert f"date=2026-10-01&owner={cast['sales'].pk}" in page.context["links"]["previous"]
    assert 'data-date="2026-11-01"' in page.content.decode()


BAD_QUERIES = [{"date": "2026-02-30"}, {"date": "x" * 500}, {"view": "year"}, {"owner": "abc"}, {"owner": "9" * 30}]


@pytest.mark.django_db
@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_calendar_parameters_fall_back_to_this_week(query, client_for, cast):
    page = client_for("manager").get(reverse("clienthistory:activity-calendar"), query)
    assert page.status_code == 200
    assert page.context["grid"].span == Span.WEEK
    assert page.context["owner"] == cast["manager"]


@pytest.mark.django_db
def test_the_team_week_has_a_row_per_active_salesperson_with_overdue_ones_marked(client_for, cast, time_machine):
    time_machine.move_to(at(date(2026, 11, 26), 12), tick=False)
    gone = UserFactory(username="left-the-hotel", roles=["sales"], is_active=False)
    late = ActivityFactory(owner=cast["sales"], due_at=at(date(2026, 11, 24), 10), purpose="逾期的拜访")
    planned = ActivityFactory(owner=cast["manager"], due_at=at(date(2026, 11, 27), 15), purpose="经理的宴请")
    this_morning = ActivityFactory(owner=cast["manager"], due_at=at(date(2026, 11, 26), 10), purpose="上午的拜访")
    ActivityFactory(owner=gone, due_at=at(date(2026, 11, 25), 10))
    page = client_for("manager").get(reverse("clienthistory:activity-team-week"), {"date": "2026-11-28"})
    week = page.context["week"]
    assert week.start == date(2026, 11, 23)
    assert {row.person for row in week.rows} == {cast["sales"], cast["manager"]}
    sales_row = next(row for row in week.rows if row.person == cast["sales"])
    assert sales_row.days[1].activities == [late]
    chips = re.findall(r'class="([^"]*)"\s+data-testid="activity-(\d+)"', page.content.decode())
    classes = {int(pk): names.split() for names, pk in chips}
    assert "overdue" in classes[late.pk]
    assert "overdue" not in classes[planned.pk]
    assert "overdue" not in classes[this_morning.pk]


def _spread_activities(owner, count: int) -> None:
    for index in range(count):
        ActivityFactory(
            owner=owner,
            account=AccountFactory(),
            contact=ProfileFactory(),
            due_at=at(date(2026, 11, 1 + index % 30), 8 + index % 10),
            done=index % 3 == 0,
        )


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 40])
def test_the_calendar_keeps_its_query_count(count, client_for, cast, django_assert_max_num_queries):
    _spread_activities(cast["sales"], count)
    client = client_for("manager")
    url = reverse("clienthistory:activity-calendar")
    with django_assert_max_num_queries(6):
        page = client.get(url, {"view": "month", "date": "2026-11-10", "owner": cast["sales"].pk})
    assert sum(len(day.activities) for week in page.context["grid"].weeks for day in week) == count


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 40])
def test_the_team_week_keeps_its_query_count(count, client_for, cast, django_assert_max_num_queries):
    for owner in (cast["sales"], cast["manager"]):
        for index in range(count // 2):
            due_at = at(date(2026, 11, 23 + index % 7), 8 + index % 10)
            ActivityFactory(owner=owner, account=AccountFactory(), contact=ProfileFactory(), due_at=due_at)
    client = client_for("manager")
    with django_assert_max_num_queries(5):
        page = client.get(reverse("clienthistory:activity-team-week"), {"date": "2026-11-23"})
    assert sum(len(day.activities) for row in page.context["week"].rows for day in row.days) == count
