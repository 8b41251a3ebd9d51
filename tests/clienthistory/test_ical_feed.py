from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from clienthistory.models import CalendarFeed
from tests.factories import AccountFactory, ActivityFactory, ProfileFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def feed(cast, time_machine):
    time_machine.move_to(NOW, tick=False)
    return CalendarFeed.objects.create(user=cast["sales"])


def _events(response) -> dict[str, object]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return {str(event.uid): event for event in Calendar.from_ical(response.content).events}


def test_the_feed_lists_the_users_activities_in_utc_without_signing_in(feed, cast):
    account = AccountFactory(name="华为技术", address="深圳市龙岗区坂田")
    visit = ActivityFactory(
        owner=cast["sales"],
        account=account,
        contact=ProfileFactory(name="余承东", account=account),
        due_at=datetime(2026, 11, 29, 23, 30, tzinfo=ZoneInfo("Asia/Shanghai")),
        duration_minutes=90,
        purpose="年会场地洽谈",
        next_step="发送报价",
    )
    call = ActivityFactory(owner=cast["sales"], kind="call", due_at=NOW - timedelta(days=3), purpose="回访")
    call.mark_done(outcome="客户满意", next_step="下月再访")
    ActivityFactory(owner=cast["sales"], due_at=NOW - timedelta(days=91))
    ActivityFactory(owner=cast["sales"], due_at=NOW + timedelta(days=366))
    ActivityFactory(due_at=NOW + timedelta(days=1))  # somebody else's

    response = Client().get(reverse("clienthistory:activity-feed", args=[feed.token]), HTTP_ACCEPT_LANGUAGE="en")
    events = _events(response)

    assert set(events) == {f"activity-{visit.pk}@hotelsales", f"activity-{call.pk}@hotelsales"}
    event = events[f"activity-{visit.pk}@hotelsales"]
    assert event.start == datetime(2026, 11, 29, 15, 30, tzinfo=UTC)
    assert event.end == datetime(2026, 11, 29, 17, 0, tzinfo=UTC)
    assert b"DTSTART:20261129T153000Z" in response.content
    assert event["SUMMARY"] == "Visit: 年会场地洽谈 — 华为技术 · 余承东"
    assert event["DESCRIPTION"] == "Next step: 发送报价"
    assert event["LOCATION"] == "深圳市龙岗区坂田"
    assert event["STATUS"] == "CONFIRMED"
    done = events[f"activity-{call.pk}@hotelsales"]
    assert done["STATUS"] == "CONFIRMED"
    assert done["SUMMARY"].startswith("✓ ")
    assert "Outcome: 客户满意" in done["DESCRIPTION"]


def test_an_activity_keeps_its_uid_when_it_moves(feed, cast):
    activity = ActivityFactory(owner=cast["sales"], due_at=NOW + timedelta(days=1))
    url = reverse("clienthistory:activity-feed", args=[feed.token])
    before = _events(Client().get(url))
    activity.due_at += timedelta(days=2)
    activity.save()
    after = _events(Client().get(url))
    assert set(before) == set(after) == {f"activity-{activity.pk}@hotelsales"}
    assert after[f"activity-{activity.pk}@hotelsales"].start == (NOW + timedelta(days=3)).astimezone(UTC)


def test_an_unknown_token_is_not_found(feed):
    assert Client().get(reverse("clienthistory:activity-feed", args=["no-such-token"])).status_code == 404
    assert Client().get("/clients/activities/feed/a%00b.ics").status_code == 404


def test_the_feed_of_a_user_who_left_is_gone(feed):
    feed.user.is_active = False
    feed.user.save()
    assert Client().get(reverse("clienthistory:activity-feed", args=[feed.token])).status_code == 404


def test_the_settings_page_gives_the_same_absolute_address_until_rotated(client_for, cast):
    client = client_for("sales")
    first = client.get(reverse("clienthistory:activity-feed-settings")).context["feed_url"]
    token = CalendarFeed.objects.get(user=cast["sales"]).token
    assert first == f"http://testserver{reverse('clienthistory:activity-feed', args=[token])}"
    assert client.get(reverse("clienthistory:activity-feed-settings")).context["feed_url"] == first

    response = client.post(reverse("clienthistory:activity-feed-rotate"))
    assert response["Location"] == reverse("clienthistory:activity-feed-settings")
    second = client.get(reverse("clienthistory:activity-feed-settings")).context["feed_url"]
    assert second != first
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
