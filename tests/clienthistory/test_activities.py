from datetime import UTC, date, datetime
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from clienthistory.models import Activity
from tests.factories import AccountFactory, ActivityFactory, ProfileFactory
from tests.helpers import at

pytestmark = pytest.mark.django_db


def _form_data(**changes) -> dict:
    return {"kind": "visit", "due_at": "2026-11-29T23:30", "duration_minutes": 90, "purpose": "介绍年会场地",
            "next_step": "", **changes}  # fmt: skip


def test_my_activities_show_overdue_first_then_upcoming_then_recently_done(client_for, cast, time_machine):
    time_machine.move_to(at(date(2026, 11, 26), 10, 1), tick=False)
    sales = cast["sales"]
    soon = ActivityFactory(owner=sales, due_at=at(date(2026, 11, 26), 15), purpose="下午的电话")
    this_morning = ActivityFactory(owner=sales, due_at=at(date(2026, 11, 26), 10), purpose="今天上午的拜访")
    late = ActivityFactory(owner=sales, due_at=at(date(2026, 11, 24), 10), purpose="逾期的拜访")
    later = ActivityFactory(owner=sales, due_at=at(date(2026, 11, 25), 18), purpose="昨天的拜访")
    done = ActivityFactory(owner=sales, due_at=at(date(2026, 11, 21), 10), done=True, done_at=timezone.now())
    ActivityFactory(due_at=at(date(2026, 11, 25), 10), purpose="别人的拜访")
    page = client_for("sales").get(reverse("clienthistory:activity-list"), HTTP_ACCEPT_LANGUAGE="en")
    agenda = page.context["agenda"]
    assert (agenda.overdue, agenda.upcoming, agenda.recently_done) == ([late, later], [this_morning, soon], [done])
    html = page.content.decode()
    assert html.index(late.purpose) < html.index(later.purpose) < html.index(this_morning.purpose)
    assert "别人的拜访" not in html
    assert html.count('class="overdue"') == 2
    assert "2 overdue" in html


def test_an_activity_is_overdue_only_once_its_day_has_passed(time_machine):
    visit = ActivityFactory(due_at=at(date(2026, 11, 26), 10))
    time_machine.move_to(at(date(2026, 11, 26), 23, 59), tick=False)
    assert not visit.overdue
    time_machine.move_to(at(date(2026, 11, 27), 0, 0), tick=False)
    assert visit.overdue
    visit.done = True
    assert not visit.overdue


def test_a_salesperson_creates_an_activity_they_own_in_local_time(client_for, cast):
    account = AccountFactory()
    response = client_for("sales").post(
        reverse("clienthistory:activity-create"), _form_data(account=account.pk, owner=cast["manager"].pk)
    )
    assert response["Location"] == reverse("clienthistory:activity-list")
    activity = Activity.objects.get()
    assert activity.owner == cast["sales"]  # a salesperson cannot hand work to somebody else
    assert activity.account == account
    assert activity.due_at == datetime(2026, 11, 29, 15, 30, tzinfo=UTC)


def test_a_manager_assigns_an_activity_to_a_salesperson(client_for, cast):
    contact = ProfileFactory()
    client_for("manager").post(
        reverse("clienthistory:activity-create"), _form_data(contact=contact.pk, owner=cast["sales"].pk)
    )
    assert Activity.objects.get().owner == cast["sales"]


def test_a_new_activity_starts_from_the_account_or_the_contact(client_for):
    account = AccountFactory(name="小米科技")
    contact = ProfileFactory(name="雷军", account=account)
    client = client_for("sales")
    page = client.get(reverse("clienthistory:activity-create"), {"account": account.pk})
    assert page.context["form"].initial["account"] == account.pk
    assert page.context["cancel_url"] == account.get_absolute_url()
    page = client.get(reverse("clienthistory:activity-create"), {"contact": contact.pk})
    initial = page.context["form"].initial
    assert (initial["contact"], initial["account"]) == (contact.pk, account.pk)
    assert "雷军" in page.content.decode()
    for junk in ({"account": "x1"}, {"contact": "²"}, {"account": "9" * 30}):
        assert client.get(reverse("clienthistory:activity-create"), junk).status_code == 200


def test_account_and_profile_pages_offer_a_new_activity_to_sellers_only(client_for):
    contact = ProfileFactory(account=AccountFactory())
    for page, param in ((contact.account.get_absolute_url(), "account"), (contact.get_absolute_url(), "contact")):
        link = f"{reverse('clienthistory:activity-create')}?{param}="
        assert link in client_for("sales").get(page).content.decode()
        assert link not in client_for("front_desk").get(page).content.decode()


def test_bad_input_is_refused_with_field_errors(client_for):
    response = client_for("sales").post(
        reverse("clienthistory:activity-create"), _form_data(purpose="", due_at="2026-02-30T10:00", kind="party")
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"purpose", "due_at", "kind", "__all__"}
    assert not Activity.objects.exists()


def test_editing_returns_to_the_page_it_came_from_on_this_site_only(client_for, cast):
    activity = ActivityFactory(owner=cast["sales"])
    client = client_for("sales")
    url = reverse("clienthistory:activity-edit", args=[activity.pk])
    calendar = f"{reverse('clienthistory:activity-calendar')}?view=month"
    data = _form_data(account=activity.account_id, purpose="改期")
    assert client.post(f"{url}?{urlencode({'next': calendar})}", data)["Location"] == calendar
    elsewhere = f"{url}?{urlencode({'next': 'https://evil.example/'})}"
    assert client.post(elsewhere, data)["Location"] == reverse("clienthistory:activity-list")
    activity.refresh_from_db()
    assert activity.purpose == "改期"


def test_marking_done_records_the_outcome_and_the_next_step(client_for, cast):
    activity = ActivityFactory(owner=cast["sales"], next_step="发报价")
    response = client_for("sales").post(
        reverse("clienthistory:activity-done", args=[activity.pk]), {"outcome": "客户确认年会", "next_step": "签合同"}
    )
    assert response["Location"] == reverse("clienthistory:activity-list")
    activity.refresh_from_db()
    assert (activity.done, activity.outcome, activity.next_step) == (True, "客户确认年会", "签合同")
    assert activity.done_at is not None


def test_an_empty_outcome_is_refused(client_for, cast):
    activity = ActivityFactory(owner=cast["sales"])
    response = client_for("sales").post(reverse("clienthistory:activity-done", args=[activity.pk]), {"outcome": "  "})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"outcome"}
    activity.refresh_from_db()
    assert not activity.done


def test_a_salesperson_cannot_touch_a_colleagues_activity(client_for):
    theirs = ActivityFactory(purpose="同事的拜访")
    client = client_for("sales")
    assert client.get(reverse("clienthistory:activity-edit", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("clienthistory:activity-done", args=[theirs.pk]), {"outcome": "抢功"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert not theirs.done


def test_a_manager_changes_anyones_activity(client_for):
    theirs = ActivityFactory()
    client = client_for("manager")
    assert client.get(reverse("clienthistory:activity-edit", args=[theirs.pk])).status_code == 200
    client.post(reverse("clienthistory:activity-done", args=[theirs.pk]), {"outcome": "经理代为记录"})
    theirs.refresh_from_db()
    assert theirs.done


def test_marking_done_twice_keeps_the_first_outcome(client_for, cast):
    activity = ActivityFactory(owner=cast["sales"])
    client = client_for("sales")
    url = reverse("clienthistory:activity-done", args=[activity.pk])
    client.post(url, {"outcome": "第一次"})
    assert client.post(url, {"outcome": "第二次"}).status_code == 302
    activity.refresh_from_db()
    assert activity.outcome == "第一次"
