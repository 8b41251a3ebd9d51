"""Offers: which a guest may be offered (segment, season, nights, room type, validity, active), their ranking by
the acceptance measured among guests of the guest's segment with its prior, and the answers that move it."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from clienthistory.models import Profile
from marketing.models import OfferResponse
from marketing.offers.ranking import PRIOR_WEIGHT, record_response, top_offers
from reservations.models import Reservation
from tests.factories import AccountFactory, OfferFactory, ProfileFactory, RoomTypeFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 7, 15)


@pytest.fixture
def clerk():
    return UserFactory(roles=["front_desk"])


def guest(segment: str | None = "corporate"):
    """A guest of an account of `segment`, or of no account (None): leisure."""
    return ProfileFactory(account=AccountFactory(segment=segment) if segment else None)


def stay(nights: int = 2, room_type=None, arrival: date = TODAY) -> Reservation:
    """A reservation being entered, not saved: what reservation entry has when it asks for the offers."""
    return Reservation(arrival=arrival, departure=arrival + timedelta(days=nights), room_type=room_type)


def offered(profile, *, today=TODAY, stay=None) -> list:
    return [ranked.offer for ranked in top_offers(profile, today=today, stay=stay, n=100)]


def answers(offer, clerk, *, accepted=0, declined=0, segment="corporate") -> None:
    """Guests of `segment` answer the offer, each once."""
    for outcome in ["accepted"] * accepted + ["declined"] * declined:
        record_response(offer, guest(segment), outcome, clerk)


@pytest.mark.parametrize(
    ("conditions", "guest_segment", "is_offered"),
    [
        ({"segments": ["corporate", "government"]}, "corporate", True),
        ({"segments": ["corporate"]}, None, False),  # a guest of no account travels on their own: leisure
        ({"segments": ["leisure"]}, None, True),
        ({"months": [7, 8]}, "corporate", True),
        ({"months": [12, 1]}, "corporate", False),
        ({"valid_from": TODAY, "valid_until": TODAY}, "corporate", True),
        ({"valid_from": TODAY + timedelta(days=1)}, "corporate", False),
        ({"valid_until": TODAY - timedelta(days=1)}, "corporate", False),
        ({"active": False}, "corporate", False),
    ],
)
def test_an_offer_is_open_to_the_guests_its_conditions_name(conditions, guest_segment, is_offered):
    offer = OfferFactory(**conditions)
    assert (offer in offered(guest(guest_segment))) is is_offered


def test_the_season_is_the_stays_arrival_month_when_there_is_a_stay():
    summer = OfferFactory(months=[7])
    assert summer in offered(guest(), stay=stay(arrival=TODAY))
    assert summer not in offered(guest(), stay=stay(arrival=date(2026, 9, 1)))


@pytest.mark.parametrize(("nights", "is_offered"), [(1, False), (2, True), (4, True), (5, False), (None, False)])
def test_night_limits_are_the_stays(nights, is_offered):
    offer = OfferFactory(min_nights=2, max_nights=4)
    assert (offer in offered(guest(), stay=stay(nights) if nights else None)) is is_offered


def test_room_types_are_the_stays_and_an_offer_of_every_room_type_is_open_without_a_stay():
    executive, deluxe = RoomTypeFactory(), RoomTypeFactory()
    upgrade, breakfast = OfferFactory(room_types=[executive]), OfferFactory()

    assert set(offered(guest(), stay=stay(room_type=executive))) == {upgrade, breakfast}
    assert offered(guest(), stay=stay(room_type=deluxe)) == [breakfast]
    assert offered(guest()) == [breakfast]


def test_the_prior_ranks_an_offer_nobody_answered_between_a_taken_one_and_a_refused_one(clerk):
    taken, untried, refused = OfferFactory(), OfferFactory(), OfferFactory()
    answers(taken, clerk, accepted=8, declined=2)
    answers(refused, clerk, declined=10)

    ranked = top_offers(guest(), today=timezone.localdate())

    assert [row.offer for row in ranked] == [taken, untried, refused]
    assert [row.rate for row in ranked] == [Decimal("50.0"), Decimal("20.0"), Decimal("10.0")]  # (8 + 2) / 20 …
    assert [(row.answered, row.mostly_prior) for row in ranked] == [(10, False), (0, True), (PRIOR_WEIGHT, False)]


def test_equal_rates_rank_the_offer_worth_more_first_then_by_name():
    cheap = OfferFactory(value=Decimal("100"), name_zh="乙", name_en="B")
    dear = OfferFactory(value=Decimal("300"), name_zh="丙", name_en="C")
    also_cheap = OfferFactory(value=Decimal("100"), name_zh="甲", name_en="A")

    assert offered(guest(), today=timezone.localdate()) == [dear, also_cheap, cheap]


def test_acceptances_raise_an_offer_and_refusals_lower_it_in_the_guests_segment(clerk):
    spa, dinner, car = OfferFactory(value=Decimal("300")), OfferFactory(value=Decimal("200")), OfferFactory()
    corporate = guest("corporate")
    today = timezone.localdate()
    assert offered(corporate, today=today) == [spa, dinner, car]

    answers(car, clerk, accepted=3)
    assert offered(corporate, today=today) == [car, spa, dinner]

    answers(spa, clerk, declined=3)
    assert offered(corporate, today=today) == [car, dinner, spa]

    answers(spa, clerk, accepted=20, segment="wedding")
    answers(car, clerk, declined=20, segment=None)
    assert offered(corporate, today=today) == [car, dinner, spa]
    assert offered(guest("wedding"), today=today)[0] == spa


@pytest.mark.parametrize("count", [2, 10])
def test_the_ranking_reads_as_many_queries_for_ten_offers_as_for_two(count, clerk, django_assert_num_queries):
    for _ in range(count):
        answers(OfferFactory(), clerk, accepted=1, declined=1)
    profile = Profile.objects.get(pk=guest().pk)
    with django_assert_num_queries(2):  # the guest's account, and the offers with their answers
        assert len(top_offers(profile, today=timezone.localdate(), n=count)) == count


def test_an_answer_turns_the_days_offered_row_and_showing_it_again_keeps_the_answer(clerk):
    offer, profile = OfferFactory(), guest("government")
    morning = timezone.make_aware(datetime.combine(TODAY, datetime.min.time())) + timedelta(hours=9)

    record_response(offer, profile, "offered", clerk, at=morning)
    record_response(offer, profile, "declined", clerk, at=morning + timedelta(minutes=1))
    record_response(offer, profile, "accepted", clerk, at=morning + timedelta(minutes=2))  # a mistaken tap put right
    response = record_response(offer, profile, "offered", clerk, at=morning + timedelta(hours=3))

    assert (response.outcome, response.segment, response.day) == ("accepted", "government", TODAY)
    assert OfferResponse.objects.get() == response
    record_response(offer, profile, "offered", clerk, at=morning + timedelta(days=1))
    assert OfferResponse.objects.filter(outcome="offered").count() == 1


def test_an_answer_keeps_the_reservation_it_was_made_for(clerk):
    offer, profile = OfferFactory(), guest()
    reservation = Reservation.objects.create(
        confirmation="R1", guest=profile, arrival=TODAY, departure=TODAY + timedelta(days=2),
        room_type=RoomTypeFactory(), rate=Decimal("880"),
    )  # fmt: skip
    record_response(offer, profile, "offered", clerk)
    response = record_response(offer, profile, "accepted", clerk, reservation=reservation)
    assert response.reservation == reservation


def test_an_unknown_outcome_is_refused(clerk):
    with pytest.raises(ValueError, match="maybe"):
        record_response(OfferFactory(), guest(), "maybe", clerk)
