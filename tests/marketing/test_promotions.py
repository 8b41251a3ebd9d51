"""A promotion's rules: its period (an end after its start, at most 366 days), known market segments, an offer code
kept upper-case and unique, a budget of no less than nothing, an owner who sells. The form answers each with a
field error; the database holds them too."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from marketing.models import Promotion
from marketing.promotions.forms import PromotionForm
from tests.factories import PromotionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller():
    return UserFactory(roles=["sales"])


@pytest.fixture
def data(seller):
    today = timezone.localdate()
    return {
        "name": "中秋家宴",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=14)).isoformat(),
        "segments": ["social", "leisure"],
        "offer": "每桌立减 600 元",
        "offer_code": "",
        "budget": "30000",
        "owner": seller.pk,
        "notes": "",
    }


def errors(data, instance=None) -> dict:
    form = PromotionForm(data, instance=instance)
    form.is_valid()
    return form.errors


def test_a_good_promotion_saves(data):
    form = PromotionForm({**data, "segments": ["leisure", "social", "leisure"], "offer_code": " midautumn26 "})
    assert form.is_valid(), form.errors
    promotion = form.save()
    assert (promotion.segments, promotion.offer_code, promotion.budget) == (["social", "leisure"], "MIDAUTUMN26", 30000)


def test_a_code_typed_in_full_width_counts_as_plain_letters_and_digits(data):
    form = PromotionForm({**data, "offer_code": "ｍｉｄ－２６"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["offer_code"] == "MID-26"


def test_it_refuses_a_period_that_ends_before_it_starts(data):
    assert list(errors({**data, "starts_on": "2026-10-08", "ends_on": "2026-10-01"})) == ["ends_on"]


def test_a_promotion_runs_at_most_366_days(data, settings):
    settings.DATE_WINDOW_DAYS_AHEAD = 3000
    leap_year = {**data, "starts_on": "2028-01-01", "ends_on": "2028-12-31"}
    assert errors(leap_year) == {}
    assert list(errors({**leap_year, "ends_on": "2029-01-01"})) == ["ends_on"]


@pytest.mark.parametrize(
    ("segments", "field"),
    [([], "segments"), (["vip"], "segments"), (["wedding", "<script>"], "segments")],
)
def test_segments_must_be_known_market_segments(data, segments, field):
    assert list(errors({**data, "segments": segments})) == [field]


@pytest.mark.parametrize("code", ["中秋", "AB", "MID 26", "X" * 21, "MID_26"])
def test_an_offer_code_is_letters_digits_and_hyphens(data, code):
    assert list(errors({**data, "offer_code": code})) == ["offer_code"]


def test_no_two_promotions_share_an_offer_code_in_any_case(data):
    PromotionFactory(offer_code="MID26")
    assert errors({**data, "offer_code": "mid26"})["offer_code"] == ["Another promotion already uses this offer code."]


def test_a_promotion_keeps_its_own_code_when_edited_and_many_go_without_one(data):
    promotion = PromotionFactory(offer_code="MID26")
    PromotionFactory(offer_code="")
    assert errors({**data, "offer_code": "MID26"}, instance=promotion) == {}
    assert errors({**data, "offer_code": ""}) == {}


def test_the_budget_is_not_negative(data):
    assert list(errors({**data, "budget": "-1"})) == ["budget"]


def test_the_owner_is_someone_who_sells(data):
    assert list(errors({**data, "owner": UserFactory(roles=["front_desk"]).pk})) == ["owner"]


@pytest.mark.parametrize(
    "fields",
    [
        {"starts_on": date(2026, 10, 8), "ends_on": date(2026, 10, 1)},
        {"starts_on": date(2026, 1, 1), "ends_on": date(2027, 1, 2)},
        {"segments": []},
        {"segments": ["vip"]},
        {"offer_code": "mid26"},
    ],
)
def test_the_database_holds_the_rules(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        PromotionFactory(**fields)


def test_the_database_refuses_a_second_promotion_with_the_same_code_but_not_two_without_one():
    PromotionFactory(offer_code="MID26")
    with pytest.raises(IntegrityError), transaction.atomic():
        PromotionFactory(offer_code="MID26")
    PromotionFactory.create_batch(2, offer_code="")
    assert Promotion.objects.filter(offer_code="").count() == 2
