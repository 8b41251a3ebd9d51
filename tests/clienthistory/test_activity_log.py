"""Logging a visit that already took place in one step: its outcome makes it done, its next step with a date
becomes the follow-up activity."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from clienthistory.models import Activity
from tests.factories import AccountFactory, ActivityFactory, ProfileFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai


@pytest.fixture(autouse=True)
def _noon(time_machine):
    time_machine.move_to(NOW, tick=False)


def _past_visit(**changes) -> dict:
    return {"kind": "visit", "due_at": "2026-11-30T10:00", "duration_minutes": 60, "purpose": "介绍年会场地",
            "outcome": "", "next_step": "", "next_kind": "", "next_due_at": "", **changes}  # fmt: skip


def test_one_post_logs_a_done_visit_and_plans_its_follow_up(client_for, cast):
    contact = ProfileFactory(account=AccountFactory())
    response = client_for("sales").post(
        reverse("clienthistory:activity-create"),
        _past_visit(
            contact=contact.pk,
            account=contact.account.pk,
            outcome="客户对宴会厅满意，要报价",
            next_step="送报价单",
            next_kind="call",
            next_due_at="2026-12-02T09:30",
        ),
    )
    assert response.status_code == 302
    visit, follow_up = Activity.objects.order_by("due_at")
    assert (visit.done, visit.done_at, visit.next_step) == (True, NOW, "送报价单")
    assert visit.outcome == "客户对宴会厅满意，要报价"
    assert (follow_up.kind, follow_up.purpose, follow_up.done) == ("call", "送报价单", False)
    assert follow_up.due_at == datetime(2026, 12, 2, 1, 30, tzinfo=UTC)
    assert (follow_up.account, follow_up.contact, follow_up.owner) == (contact.account, contact, cast["sales"])


def test_the_done_box_needs_an_outcome_and_a_time_that_has_come(client_for):
    account = AccountFactory()
    client = client_for("sales")
    response = client.post(reverse("clienthistory:activity-create"), _past_visit(account=account.pk, done="on"))
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"outcome"}
    response = client.post(
        reverse("clienthistory:activity-create"),
        _past_visit(account=account.pk, done="on", outcome="谈妥", due_at="2026-11-30T15:00"),
    )
    assert set(response.context["form"].errors) == {"done"}
    assert not Activity.objects.exists()


def test_a_next_step_without_a_date_is_refused_on_a_done_visit(client_for):
    response = client_for("sales").post(
        reverse("clienthistory:activity-create"),
        _past_visit(account=AccountFactory().pk, outcome="谈妥", next_step="送报价单"),
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"next_due_at"}
    assert not Activity.objects.exists()


def test_a_date_without_a_next_step_or_before_the_visit_is_refused(client_for):
    response = client_for("sales").post(
        reverse("clienthistory:activity-create"),
        _past_visit(account=AccountFactory().pk, outcome="谈妥", next_due_at="2026-11-29T09:00"),
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"next_step", "next_due_at"}
    assert not Activity.objects.exists()


def test_a_done_visit_without_a_next_step_plans_no_follow_up(client_for):
    client_for("sales").post(
        reverse("clienthistory:activity-create"), _past_visit(account=AccountFactory().pk, outcome="谈妥")
    )
    visit = Activity.objects.get()  # and no other
    assert (visit.done, visit.outcome) == (True, "谈妥")


def test_a_planned_visit_stays_planned(client_for):
    client_for("sales").post(
        reverse("clienthistory:activity-create"),
        _past_visit(account=AccountFactory().pk, due_at="2026-12-01T10:00", next_step="带上菜单"),
    )
    visit = Activity.objects.get()
    assert (visit.done, visit.done_at, visit.next_step) == (False, None, "带上菜单")


def test_a_planned_visit_is_logged_done_from_its_edit_page(client_for, cast):
    visit = ActivityFactory(owner=cast["sales"], due_at=datetime(2026, 11, 30, 1, 0, tzinfo=UTC))
    url = reverse("clienthistory:activity-edit", args=[visit.pk])
    client = client_for("sales")
    client.post(
        url,
        _past_visit(account=visit.account.pk, outcome="签了意向书", next_step="发合同", next_due_at="2026-12-03T10:00"),
    )
    visit.refresh_from_db()
    assert (visit.done, visit.outcome) == (True, "签了意向书")
    assert Activity.objects.filter(purpose="发合同", done=False).count() == 1
    form = client.get(url).context["form"]
    assert not {"done", "next_kind", "next_due_at"} & set(form.fields)  # done once, followed up once
