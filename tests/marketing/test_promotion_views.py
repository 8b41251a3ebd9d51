"""The promotions' pages: sales build them on the form (a bad one answers 400 with its field errors), the list
filters and keeps its query count, and a promotion's page shows its period's calendar and its history."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hotelsales.almanac import year_of
from marketing.models import Promotion
from tests.factories import PromotionFactory

pytestmark = pytest.mark.django_db


def posted(cast, **changes) -> dict:
    today = timezone.localdate()
    return {
        "name": "七夕浪漫住宿",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=10)).isoformat(),
        "segments": ["leisure"],
        "offer": "豪华大床房含双人烛光晚餐",
        "offer_code": "qixi26",
        "budget": "12000",
        "owner": cast["sales"].pk,
        "notes": "",
    } | changes


def test_sales_build_a_promotion_and_its_history_says_who(cast, client_for):
    response = client_for("sales").post(reverse("marketing:promotion-create"), posted(cast))

    promotion = Promotion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == promotion.get_absolute_url()
    assert (promotion.offer_code, promotion.owner) == ("QIXI26", cast["sales"])
    assert promotion.history.get().history_user == cast["sales"]


def test_the_new_promotion_is_the_salespersons_own_to_begin_with(cast, client_for):
    form = client_for("sales").get(reverse("marketing:promotion-create")).context["form"]
    assert form["owner"].value() == cast["sales"].pk


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_on": "2020-01-01"}, "ends_on"),
        ({"segments": ["nobody"]}, "segments"),
        ({"offer_code": "七夕"}, "offer_code"),
        ({"budget": "a lot"}, "budget"),
        ({"starts_on": "9999-12-31"}, "starts_on"),
    ],
)
def test_a_bad_promotion_answers_with_its_field_errors(cast, client_for, changes, field):
    response = client_for("sales").post(reverse("marketing:promotion-create"), posted(cast, **changes))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Promotion.objects.exists()


def test_a_manager_edits_a_promotion_and_the_history_shows_segments_by_name(cast, client_for):
    promotion = PromotionFactory(segments=["wedding"])
    client = client_for("manager")
    response = client.post(
        reverse("marketing:promotion-edit", args=[promotion.pk]), posted(cast, segments=["wedding", "social"])
    )
    assert response.status_code == 302

    page = client.get(promotion.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Wedding, Social and association" in page


def test_the_page_shows_the_periods_festivals_seasons_holidays_and_wedding_days(client_for):
    promotion = PromotionFactory(starts_on=date(2026, 9, 20), ends_on=date(2026, 10, 7))

    response = client_for("sales").get(promotion.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")

    assert [festival.key for festival in response.context["festivals"]] == ["mid_autumn", "golden_week"]
    assert [season.key for season in response.context["seasons"]] == ["wedding"]
    # Mid-Autumn 25–27 September and National Day 1–7 October.
    assert response.context["days_off"] == 10
    wedding_days = [day for day in year_of(2026).wedding_days if promotion.starts_on <= day <= promotion.ends_on]
    assert response.context["wedding_days"] == len(wedding_days) > 0
    assert "Mid-Autumn Festival" in response.text


def test_a_period_whose_holidays_are_not_published_says_so(client_for):
    promotion = PromotionFactory(starts_on=date(2026, 12, 20), ends_on=date(2027, 1, 10))
    response = client_for("sales").get(promotion.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["days_off"] is None
    assert "not published yet" in response.text


def test_the_list_filters_by_segment_and_finds_a_code(client_for):
    wedding = PromotionFactory(name="国庆婚宴礼遇", segments=["wedding"], offer_code="WEDDING26")
    PromotionFactory(name="企业年会套餐", segments=["corporate", "mice"], offer_code="GALA26")
    client = client_for("manager")
    listing = reverse("marketing:promotion-list")

    by_segment = client.get(listing, {"segment": "wedding"}).context["listing"].page
    by_code = client.get(listing, {"q": "wedding26"}).context["listing"].page

    assert list(by_segment) == [wedding]
    assert list(by_code) == [wedding]


@pytest.mark.parametrize("promotions", [2, 20])
def test_the_list_keeps_its_query_count(promotions, client_for, django_assert_max_num_queries):
    PromotionFactory.create_batch(promotions)
    client = client_for("sales")
    with django_assert_max_num_queries(7):
        assert client.get(reverse("marketing:promotion-list")).status_code == 200


@pytest.mark.parametrize(
    ("role", "shown"), [("sales", True), ("manager", True), ("front_desk", False), ("receivables", False)]
)
def test_the_marketing_menu_is_for_sales_and_managers(client_for, role, shown):
    home = client_for(role).get(reverse("overview:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (reverse("marketing:promotion-calendar") in home) is shown
    assert (reverse("marketing:promotion-list") in home) is shown
