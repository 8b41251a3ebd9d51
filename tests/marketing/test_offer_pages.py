"""The offers' pages: managers set offers up on the form (a bad one answers 400 with its field errors), sales and
the front desk read them; the list shows each offer's acceptance and keeps its query count, and an offer's page
shows its acceptance by market segment."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from marketing.models import Offer, Touch
from marketing.offers.ranking import record_response
from tests.factories import AccountFactory, OfferFactory, ProfileFactory, RoomTypeFactory, TriggerFactory

pytestmark = pytest.mark.django_db


def posted(cast, **changes) -> dict:
    today = timezone.localdate()
    return {
        "name_zh": "行政楼层升级",
        "name_en": "Executive floor upgrade",
        "kind": "upgrade",
        "price": "300",
        "value": "300",
        "script_zh": "今晚行政楼层还有房，加 300 元可以升级，含酒廊欢迎饮品。",
        "script_en": "We have an executive-floor room tonight: 300 yuan more, with the lounge.",
        "description_zh": "",
        "description_en": "",
        "segments": ["corporate", "government"],
        "months": ["3", "11"],
        "min_nights": "1",
        "max_nights": "3",
        "valid_from": today.isoformat(),
        "valid_until": (today + timedelta(days=90)).isoformat(),
        "active": "on",
        "owner": cast["manager"].pk,
    } | changes


def answered(offer, segment: str, outcomes: list[str], clerk) -> None:
    for outcome in outcomes:
        record_response(offer, ProfileFactory(account=AccountFactory(segment=segment)), outcome, clerk)


def test_a_manager_sets_up_an_offer_and_its_history_says_who(cast, client_for):
    room_type = RoomTypeFactory()
    response = client_for("manager").post(reverse("marketing:offer-create"), posted(cast, room_types=[room_type.pk]))

    offer = Offer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == offer.get_absolute_url()
    assert (offer.segments, offer.months, list(offer.room_types.all())) == (
        ["corporate", "government"], [3, 11], [room_type]
    )  # fmt: skip
    assert offer.history.get().history_user == cast["manager"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"min_nights": "4", "max_nights": "2"}, "max_nights"),
        ({"valid_until": "2020-01-01"}, "valid_until"),
        ({"valid_from": "9999-12-31"}, "valid_from"),
        ({"valid_until": "not a date"}, "valid_until"),
        ({"price": "-1"}, "price"),
        ({"value": "a lot"}, "value"),
        ({"months": ["13"]}, "months"),
        ({"segments": ["nobody"]}, "segments"),
        ({"min_nights": "0"}, "min_nights"),
        ({"script_en": ""}, "script_en"),
    ],
)
def test_a_bad_offer_answers_with_its_field_errors(cast, client_for, changes, field):
    response = client_for("manager").post(reverse("marketing:offer-create"), posted(cast, **changes))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Offer.objects.exists()


@pytest.mark.parametrize("role", ["sales", "front_desk"])
def test_sales_and_the_front_desk_read_the_offers_but_do_not_set_them_up(role, cast, client_for):
    offer = OfferFactory()
    client = client_for(role)

    page = client.get(reverse("marketing:offer-list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert offer.name_en in page
    assert "New offer" not in page
    assert "Edit" not in client.get(offer.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert client.post(reverse("marketing:offer-create"), posted(cast)).status_code == 403
    assert client.post(reverse("marketing:offer-edit", args=[offer.pk]), posted(cast)).status_code == 403


def test_receivables_see_no_offers(client_for):
    assert client_for("receivables").get(reverse("marketing:offer-list")).status_code == 403


def test_the_list_shows_each_offers_acceptance_and_filters_by_kind_and_active(cast, client_for):
    spa = OfferFactory(name_en="Spa for two", kind="spa")
    OfferFactory(name_en="Old breakfast", active=False)
    answered(spa, "corporate", ["accepted", "declined", "declined", "offered"], cast["front_desk"])
    client = client_for("manager")

    response = client.get(reverse("marketing:offer-list"), {"kind": "spa"}, HTTP_ACCEPT_LANGUAGE="en")
    [(offer, _conditions, acceptance)] = response.context["rows"]
    assert (offer, acceptance.answered, acceptance.accepted, str(acceptance.rate)) == (spa, 3, 1, "33.3")
    assert "33.3 %" in response.content.decode()

    response = client.get(reverse("marketing:offer-list"), {"active": "false"}, HTTP_ACCEPT_LANGUAGE="en")
    assert [offer.name_en for offer, _conditions, _acceptance in response.context["rows"]] == ["Old breakfast"]


@pytest.mark.parametrize("offers", [3, 20])
def test_the_list_keeps_its_query_count(offers, cast, client_for, django_assert_max_num_queries):
    room_type = RoomTypeFactory()
    for offer in OfferFactory.create_batch(offers, room_types=[room_type], segments=["wedding"], months=[5]):
        answered(offer, "wedding", ["accepted", "declined"], cast["sales"])
    client = client_for("sales")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("marketing:offer-list")).status_code == 200


def test_the_offers_page_shows_its_acceptance_by_market_segment(cast, client_for):
    offer = OfferFactory(segments=["wedding", "leisure"], min_nights=2)
    answered(offer, "wedding", ["accepted", "accepted", "declined"], cast["front_desk"])
    answered(offer, "travel_agency", ["offered"], cast["front_desk"])

    response = client_for("front_desk").get(offer.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")

    rows = [(segment, row.answered, row.accepted, row.rate) for segment, row in response.context["by_segment"]]
    assert [(str(segment), *rest) for segment, *rest in rows] == [
        ("Travel agency / wholesale", 0, 0, None),
        ("Wedding", 3, 2, Decimal("66.7")),
    ]
    page = response.content.decode()
    assert "Wedding, Leisure / individual; at least 2 nights" in page
    assert "66.7 %" in page


@pytest.mark.parametrize("n", [1, 4])
def test_an_offers_page_shows_what_its_triggers_brought_to_sales_not_to_the_front_desk(
    n, cast, client_for, django_assert_max_num_queries
):
    offer = OfferFactory(name_en="Birthday cake")
    for i in range(n):
        trigger = TriggerFactory(name=f"Birthday week {i}", offer=offer, control_share=0)
        guest = ProfileFactory(marketing_consent=True)
        Touch.objects.create(profile=guest, occasion=trigger.occasion("birthday:2026"), trigger=trigger,
                             channel="email", outcome="sent", at=timezone.now())  # fmt: skip
    with django_assert_max_num_queries(32):  # the triggers' figures take six, whatever their number
        page = client_for("sales").get(offer.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count('data-row="trigger-') == n
    assert "Birthday week 0" in page
    desk = client_for("front_desk").get(offer.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Birthday week 0" not in desk
