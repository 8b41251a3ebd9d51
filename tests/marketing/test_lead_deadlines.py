"""The response limit in working hours: 09:00–18:00 on the official working days, worked out by hand from the 2026
arrangement that the installed lunar_python carries (国庆 1–7 October off, Saturday 10 October worked)."""

from datetime import datetime

import pytest
from django.utils import timezone

from marketing.leads.deadlines import respond_by


def local(*parts) -> datetime:
    return timezone.make_aware(datetime(*parts))


@pytest.fixture(autouse=True)
def _working_day(settings):
    settings.LEAD_WORKDAY_START = datetime(2026, 1, 1, 9, 0).time()
    settings.LEAD_WORKDAY_END = datetime(2026, 1, 1, 18, 0).time()


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (local(2026, 11, 10, 10, 0), local(2026, 11, 10, 12, 0)),  # a Tuesday morning: two hours later
        (local(2026, 11, 10, 16, 0), local(2026, 11, 10, 18, 0)),  # ends as the day does
        (local(2026, 11, 10, 7, 30), local(2026, 11, 10, 11, 0)),  # before the day starts: from 09:00
        (local(2026, 11, 13, 17, 30), local(2026, 11, 16, 10, 30)),  # Friday 17:30: half an hour, then Monday
        (local(2026, 11, 14, 15, 0), local(2026, 11, 16, 11, 0)),  # a Saturday: Monday from 09:00
        (local(2026, 9, 30, 17, 0), local(2026, 10, 8, 10, 0)),  # the eve of 国庆: the week off is skipped
        (local(2026, 10, 3, 12, 0), local(2026, 10, 8, 11, 0)),  # during 国庆
        (local(2026, 10, 9, 17, 30), local(2026, 10, 10, 10, 30)),  # Saturday 10 October is a working day (调休)
        (local(2026, 9, 19, 12, 0), local(2026, 9, 20, 11, 0)),  # so is Sunday 20 September
        (local(2027, 1, 1, 10, 0), local(2027, 1, 1, 12, 0)),  # 2027 not published: Monday to Friday only
    ],
)
def test_the_limit_counts_working_hours_only(received, due):
    assert respond_by(received, hours=2) == due


def test_a_limit_longer_than_a_day_runs_on_into_the_next_working_day():
    # Friday 14:00–18:00 (4 h), all of Monday (9 h), then Tuesday from 09:00 (1 h).
    assert respond_by(local(2026, 11, 13, 14, 0), hours=14) == local(2026, 11, 17, 10, 0)


@pytest.mark.django_db
def test_a_lead_keeps_its_deadline_from_when_it_came_in(settings):
    from marketing.leads.intake import receive_lead
    from marketing.models import Lead

    settings.LEAD_RESPONSE_HOURS = 2
    lead = receive_lead(
        lead=Lead(kind="banquet", contact_name="李娜", mobile="13912345678", received_at=local(2026, 11, 13, 17, 30))
    )
    lead.refresh_from_db()
    assert lead.respond_by == local(2026, 11, 16, 10, 30)
