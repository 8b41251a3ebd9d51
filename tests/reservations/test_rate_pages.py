"""Managers keep seasons and public rates; sales and managers keep accounts' agreements, renew them and print them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reservations.models import AgreementRate, DayType, PublicRate, RateAgreement, Season
from tests.factories import AccountFactory, RateAgreementFactory, RoomTypeFactory
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def day(offset: int) -> str:
    return str(TODAY + timedelta(days=offset))


def test_an_overlapping_season_is_refused_naming_the_other(client_for):
    Season.objects.create(name_zh="旺季", name_en="Peak", starts_on=TODAY, ends_on=TODAY + timedelta(days=30))
    response = client_for("manager").post(
        reverse("reservations:season-create"),
        {"name_zh": "国庆", "name_en": "National Day", "starts_on": day(30), "ends_on": day(37)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "overlap the season Peak" in str(response.context["form"].errors["starts_on"])
    assert Season.objects.count() == 1


def test_a_season_of_years_is_refused(client_for):
    response = client_for("manager").post(
        reverse("reservations:season-create"),
        {"name_zh": "全年", "name_en": "All", "starts_on": day(1), "ends_on": day(800)},
    )
    assert response.status_code == 400
    assert "ends_on" in response.context["form"].errors


def test_the_manager_sets_and_clears_public_rates_in_the_grid(client_for):
    king = RoomTypeFactory(code="DK")
    season = Season.objects.create(name_zh="旺季", name_en="Peak", starts_on=TODAY, ends_on=TODAY + timedelta(days=30))
    PublicRate.objects.create(room_type=king, season=None, day_type=DayType.WEEKEND, amount=Decimal("900"))
    response = client_for("manager").post(
        reverse("reservations:rate-grid-edit"),
        {f"rate_{king.pk}_{season.pk}_weekday": "1080.50", f"rate_{king.pk}_0_weekend": ""},
    )
    assert response.status_code == 302
    assert list(PublicRate.objects.values_list("season", "day_type", "amount")) == [
        (season.pk, "weekday", Decimal("1080.50"))
    ]


def test_a_rate_that_is_not_an_amount_is_a_field_error(client_for):
    king = RoomTypeFactory(code="DK")
    response = client_for("manager").post(reverse("reservations:rate-grid-edit"), {f"rate_{king.pk}_0_weekday": "-5"})
    assert response.status_code == 400
    assert not PublicRate.objects.exists()


def test_the_rate_grid_keeps_its_query_count(client_for, django_assert_max_num_queries):
    for n in range(8):
        RoomTypeFactory(code=f"R{n}")
    for n in range(6):
        first = TODAY + timedelta(days=n * 10)
        Season.objects.create(name_zh=f"季{n}", name_en=f"S{n}", starts_on=first, ends_on=first + timedelta(days=9))
    sales = client_for("sales")
    with django_assert_max_num_queries(8):
        response = sales.get(reverse("reservations:rate-grid"))
    assert response.status_code == 200


def agreement_post(king, **fields):
    return {
        "valid_from": day(0), "valid_until": day(364), "breakfast_included": "on", "note": "",
        "lines-TOTAL_FORMS": "2", "lines-INITIAL_FORMS": "0",
        "lines-0-room_type": king.pk, "lines-0-amount": "650", "lines-0-discount_percent": "",
        "lines-1-room_type": "", "lines-1-amount": "", "lines-1-discount_percent": "12.5", **fields,
    }  # fmt: skip


def test_sales_enter_an_agreement_with_its_rates(client_for, cast):
    account, king = AccountFactory(), RoomTypeFactory(code="DK")
    response = client_for("sales").post(
        reverse("reservations:agreement-create", args=[account.pk]), agreement_post(king)
    )
    assert response.status_code == 302
    agreement = RateAgreement.objects.get()
    assert (agreement.account, agreement.created_by, agreement.breakfast_included) == (account, cast["sales"], True)
    assert list(agreement.lines.order_by("amount").values_list("amount", "discount_percent")) == [
        (Decimal("650.00"), None), (None, Decimal("12.5"))
    ]  # fmt: skip


def test_an_overlapping_agreement_is_a_field_error(client_for):
    king = RoomTypeFactory(code="DK")
    existing = RateAgreementFactory(valid_from=TODAY + timedelta(days=300))
    response = client_for("sales").post(
        reverse("reservations:agreement-create", args=[existing.account.pk]),
        agreement_post(king),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "already has an agreement" in str(response.context["form"].errors["valid_from"])
    assert RateAgreement.objects.count() == 1


def test_a_line_with_both_a_rate_and_a_discount_is_refused(client_for):
    king = RoomTypeFactory(code="DK")
    response = client_for("sales").post(
        reverse("reservations:agreement-create", args=[AccountFactory().pk]),
        agreement_post(king, **{"lines-0-discount_percent": "10"}),
    )
    assert response.status_code == 400
    assert not RateAgreement.objects.exists()


def test_a_renewal_starts_the_day_after_and_copies_the_rates(client_for):
    king = RoomTypeFactory(code="DK")
    old = RateAgreementFactory(valid_from=TODAY - timedelta(days=300), valid_until=TODAY + timedelta(days=20))
    AgreementRate.objects.create(agreement=old, room_type=king, amount=Decimal("640"))
    url = reverse("reservations:agreement-create", args=[old.account.pk]) + f"?renew={old.pk}"
    form = client_for("sales").get(url).context["form"]
    assert form.initial["valid_from"] == TODAY + timedelta(days=21)

    post = {"valid_from": day(21), "valid_until": day(341), "breakfast_included": "on", "note": "",
            "lines-TOTAL_FORMS": "2", "lines-INITIAL_FORMS": "0", "lines-0-room_type": "", "lines-0-amount": "",
            "lines-0-discount_percent": "15", "lines-1-room_type": king.pk, "lines-1-amount": "640",
            "lines-1-discount_percent": ""}  # fmt: skip
    assert client_for("sales").post(url, post).status_code == 302
    renewed = RateAgreement.objects.exclude(pk=old.pk).get()
    assert renewed.lines.count() == 2


def test_ending_an_agreement_early_moves_its_last_day(client_for):
    agreement = RateAgreementFactory()
    client_for("manager").post(reverse("reservations:agreement-end", args=[agreement.pk]), {"on": day(10)})
    agreement.refresh_from_db()
    assert agreement.valid_until == TODAY + timedelta(days=10)


def test_the_account_page_lists_its_agreements_in_a_fixed_number_of_queries(client_for, django_assert_max_num_queries):
    account = AccountFactory()
    kings = [RoomTypeFactory(code=f"K{n}") for n in range(4)]
    for n in range(6):
        agreement = RateAgreementFactory(
            account=account,
            valid_from=TODAY + timedelta(days=n * 100),
            valid_until=TODAY + timedelta(days=n * 100 + 99),
        )
        for king in kings:
            AgreementRate.objects.create(agreement=agreement, room_type=king, amount=Decimal("600"))
    sales = client_for("sales")
    with django_assert_max_num_queries(40) as counted:
        response = sales.get(account.get_absolute_url())
    assert response.status_code == 200
    few = len(counted.captured_queries)
    RateAgreementFactory(account=account, valid_from=TODAY - timedelta(days=400), valid_until=TODAY - timedelta(days=1))
    with django_assert_max_num_queries(few):
        sales.get(account.get_absolute_url())


def test_the_owner_sees_agreements_ending_within_60_days_until_renewed(client_for, cast):
    mine = AccountFactory(name="中石化", owner=cast["sales"])
    soon, long_ago = TODAY + timedelta(days=45), TODAY - timedelta(days=300)
    ending = RateAgreementFactory(account=mine, valid_from=long_ago, valid_until=soon)
    RateAgreementFactory(account=AccountFactory(name="别人的客户"), valid_from=long_ago, valid_until=soon)
    RateAgreementFactory(account=AccountFactory(name="还早", owner=cast["sales"]), valid_until=TODAY + timedelta(200))
    home = client_for("sales").get(reverse("overview:home")).content.decode()
    assert "中石化" in home
    assert f"renew={ending.pk}" in home
    assert "别人的客户" not in home
    assert "还早" not in home

    RateAgreementFactory(account=mine, valid_from=ending.valid_until + timedelta(days=1))
    assert "中石化" not in client_for("sales").get(reverse("overview:home")).content.decode()


def test_the_letter_lists_the_rates_in_the_accounts_language(client_for):
    king = RoomTypeFactory(code="DK", name_en="Deluxe King")
    agreement = RateAgreementFactory(account=AccountFactory(name="Acme Trading", letter_language="en"))
    AgreementRate.objects.create(agreement=agreement, room_type=king, amount=Decimal("688.00"))
    text = pdf_text(client_for("sales").get(reverse("reservations:agreement-letter-pdf", args=[agreement.pk])))
    assert "Rate agreement" in text
    assert "Deluxe King" in text
    assert "688.00" in text
    assert "15 % off the public rate" in text


@pytest.mark.parametrize("renew", ["abc", "-1", "99999999999999999999", ""])
def test_a_nonsense_renewal_opens_an_empty_form(client_for, renew):
    url = reverse("reservations:agreement-create", args=[AccountFactory().pk])
    assert client_for("sales").get(url, {"renew": renew}).status_code == 200
