"""The triggered-against-blanket page: its figures against a small example worked out by hand, its period (the last
365 days unless chosen, bad input refused with field errors) and its flat query count."""

import math
from datetime import timedelta
from decimal import Decimal

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from hotelsales.money import format_whole, round_percent
from marketing.channels.optouts import opt_out
from marketing.models import Touch
from marketing.triggers.running import run
from reservations.guestcare.complaints import log_complaint
from reservations.rooms.stays import book_room
from tests.factories import CampaignFactory, ProfileFactory, TriggerFactory, UserFactory
from tests.marketing.campaigns import ARRIVAL, sent_campaign

pytestmark = pytest.mark.django_db

COMPARE = reverse("marketing:trigger-compare")


def touched(outcome: str, n: int, *, at, trigger=None, campaign=None) -> list:
    """`n` guests touched with `outcome` at `at` by the trigger or the campaign."""
    guests = ProfileFactory.create_batch(n, marketing_consent=True)
    occasion = campaign.occasion if campaign else trigger.occasion("birthday:2026")
    Touch.objects.bulk_create(
        Touch(profile=guest, occasion=occasion, trigger=trigger, channel="email", outcome=outcome, at=at,
              refusal="no_consent" if outcome == "held_back" else "")
        for guest in guests
    )  # fmt: skip
    return guests


def book(guests, room_type):
    """A night at 500 for each guest, booked now: inside the windows of the touches."""
    for guest in guests:
        book_room(guest=guest, arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=1), room_type=room_type,
                  rate=Decimal("500"))  # fmt: skip


def percent(value: float) -> str:
    return str(round_percent(Decimal(str(value * 100))))


def money(amount: str) -> str:
    with translation.override("en"):
        return format_whole(Decimal(amount))


def compare_page(client, **params):
    response = client.get(COMPARE, params, HTTP_ACCEPT_LANGUAGE="en")
    return response, lxml.html.fromstring(response.content.decode())


def shown(document, name: str) -> str:
    return " ".join(document.xpath(f"//*[@data-cell='{name}']")[0].text_content().split())


def test_the_page_shows_the_figures_worked_out_by_hand(client_for, room_type):
    now = timezone.now()
    trigger = TriggerFactory(name="生日问候", cost_per_contact=Decimal("1.00"))
    contacted = touched("sent", 40, at=now - timedelta(days=1), trigger=trigger)
    control = touched("control", 30, at=now - timedelta(days=1), trigger=trigger)
    touched("held_back", 3, at=now - timedelta(days=1), trigger=trigger)
    quiet = TriggerFactory(name="离店关怀", moment="after_check_out", number=1)  # active, nobody touched yet
    old = TriggerFactory(name="旧规则", active=False)
    touched("sent", 5, at=now - timedelta(days=400), trigger=old)  # before the period
    campaign = CampaignFactory(name="中秋邮件", status="sent", started_at=now - timedelta(days=2), control_share=50,
                               cost_per_contact=Decimal("0.50"), fixed_cost=Decimal("200"))  # fmt: skip
    reached = touched("sent", 50, at=now - timedelta(days=2), campaign=campaign)
    kept_out = touched("control", 50, at=now - timedelta(days=2), campaign=campaign)
    touched("held_back", 2, at=now - timedelta(days=2), campaign=campaign)
    CampaignFactory(status="sent", started_at=now - timedelta(days=400))  # before the period
    book(contacted[:10] + control[:1] + reached[:2] + kept_out[:2], room_type)
    log_complaint(received_by=UserFactory(roles=["front_desk"]), category="room", department="housekeeping",
                  description="空调太吵", guest=contacted[0])  # fmt: skip
    opt_out(channel="email", address=reached[0].email, source="link")

    response, document = compare_page(client_for("manager"))

    assert response.status_code == 200
    p1, p2 = 10 / 40, 1 / 30
    margin = 1.959963984540054 * math.sqrt(p1 * (1 - p1) / 40 + p2 * (1 - p2) / 30)
    assert [shown(document, f"triggered-{name}") for name in ("contacted", "held-back", "control")] == ["40", "3", "30"]
    assert shown(document, "triggered-conversion-rate") == "25.0 %"
    assert shown(document, "triggered-control-rate") == "3.3 %"
    assert shown(document, "triggered-uplift") == (
        f"+{percent(p1 - p2)} points Significant +{percent(p1 - p2 - margin)} to +{percent(p1 - p2 + margin)} "
        "1 of 2 with enough in each group"
    )
    assert shown(document, "triggered-revenue") == money("5000")
    assert shown(document, "triggered-cost") == money("40")
    assert (shown(document, "triggered-complaint-rate"), shown(document, "triggered-opt-out-rate")) == ("2.5", "0.0")
    assert [shown(document, f"blanket-{name}") for name in ("contacted", "held-back", "control")] == ["50", "2", "50"]
    assert (shown(document, "blanket-conversion-rate"), shown(document, "blanket-control-rate")) == ("4.0 %", "4.0 %")
    margin = 1.959963984540054 * math.sqrt(2 * 0.04 * 0.96 / 50)
    assert shown(document, "blanket-uplift") == (
        f"0.0 points Could be chance -{percent(margin)} to +{percent(margin)} 1 of 1 with enough in each group"
    )
    assert (shown(document, "blanket-revenue"), shown(document, "blanket-cost")) == (money("1000"), money("225"))
    assert (shown(document, "blanket-complaint-rate"), shown(document, "blanket-opt-out-rate")) == ("0.0", "2.0")
    assert document.xpath("//*[@data-cell='triggered-success-here']/progress/@value") == ["25.0"]
    rows = [row.get("data-row") for row in document.xpath("//tr[@data-row]")]
    assert sorted(rows) == sorted([f"trigger-{trigger.pk}", f"trigger-{quiet.pk}", f"campaign-{campaign.pk}"])
    assert 'data-testid="too-few"' not in response.text
    assert "Nobody was contacted yet." in response.text  # the trigger that touched nobody, in its row


def test_with_too_few_on_either_side_nothing_is_compared(client_for):
    trigger = TriggerFactory()
    touched("sent", 5, at=timezone.now(), trigger=trigger)
    touched("control", 1, at=timezone.now(), trigger=trigger)

    _response, document = compare_page(client_for("sales"))

    assert shown(document, "triggered-uplift") == "Too few to compare 0 of 1 with enough in each group"
    assert shown(document, "blanket-uplift") == "Too few to compare 0 of 0 with enough in each group"
    assert shown(document, "blanket-conversion-rate") == "—"


def test_the_period_is_the_last_year_unless_chosen(client_for):
    today = timezone.localdate()

    response, _document = compare_page(client_for("sales"))
    chosen, _document = compare_page(client_for("sales"), since="2026-01-01", until="2026-03-31")

    assert (response.context["comparison"].since, response.context["comparison"].until) == (
        today - timedelta(days=364), today
    )  # fmt: skip
    assert chosen.context["comparison"].since.isoformat() == "2026-01-01"


@pytest.mark.parametrize(
    ("params", "field", "error"),
    [
        ({"since": "2026-03-01", "until": "2026-02-01"}, "until", "The end cannot be before the start."),
        ({"since": "2020-01-01", "until": "2026-01-01"}, "since", "Choose a period of at most 5 years."),
        ({"since": "2026-02-30", "until": "2026-03-01"}, "since", "Enter a valid date."),
        ({"since": "2026-02-01"}, "until", "This field is required."),
        ({"since": "0001-01-01", "until": "2026-03-01"}, "since", "Enter a date from 01/01/1900 to 12/31/2199."),
    ],
)
def test_a_bad_period_is_a_field_error(params, field, error, client_for):
    response, _document = compare_page(client_for("sales"), **params)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [error]


def birthday_in(days: int):
    day = timezone.localdate() + timedelta(days=days)
    return day.replace(year=day.year - 28)


@pytest.mark.parametrize("senders", [1, 5])
def test_the_page_keeps_its_query_count(senders, client_for, django_assert_max_num_queries):
    ProfileFactory.create_batch(3, marketing_consent=True, birthday=birthday_in(7))
    for trigger in TriggerFactory.create_batch(senders):
        run(trigger)
    for _ in range(senders):
        sent_campaign(members=2)
    client = client_for("sales")

    with django_assert_max_num_queries(16):
        response = client.get(COMPARE)

    comparison = response.context["comparison"]
    assert (len(comparison.triggered.rows), len(comparison.blanket.rows)) == (senders, senders)
    assert sum(row.members for row in comparison.triggered.rows) == 3 * senders  # each trigger found the 3 guests
