"""Which rate a stay takes: the season and day type of each night, the account's agreement, and the mean."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from reservations.models import AgreementRate, DayType, PublicRate, RateAgreement, Season
from reservations.rooms.rates import quote
from reservations.rooms.stays import book_room
from tests.factories import AccountFactory, ProfileFactory, RoomTypeFactory

pytestmark = pytest.mark.django_db

# Thursday 27 March 2031, four nights: Thu and Fri in the low season, Sat and Sun in the peak season.
ARRIVAL = date(2031, 3, 27)


@pytest.fixture
def king():
    king = RoomTypeFactory(code="DK", default_rate=Decimal("880.00"))
    low = Season.objects.create(name_zh="淡季", name_en="Low", starts_on=date(2031, 1, 1), ends_on=date(2031, 3, 28))
    peak = Season.objects.create(name_zh="旺季", name_en="Peak", starts_on=date(2031, 3, 29), ends_on=date(2031, 4, 30))
    for season, day_type, amount in [
        (low, DayType.WEEKDAY, "700.00"), (low, DayType.WEEKEND, "800.00"),
        (peak, DayType.WEEKEND, "1000.00"), (peak, DayType.WEEKDAY, "900.02"),
        (None, DayType.WEEKDAY, "750.00"),
    ]:  # fmt: skip
        PublicRate.objects.create(room_type=king, season=season, day_type=day_type, amount=Decimal(amount))
    return king


def agreement(account, first, last, **line):
    made = RateAgreement.objects.create(account=account, valid_from=first, valid_until=last)
    AgreementRate.objects.create(agreement=made, **line)
    return made


def test_each_night_takes_its_season_and_day_type_and_the_stay_the_mean_half_up(king):
    found = quote(king, ARRIVAL, 4)
    assert [night.amount for night in found.nights] == [Decimal(a) for a in ("700.00", "800.00", "1000.00", "900.02")]
    # (700 + 800 + 1000 + 900.02) / 4 = 850.005 → 850.01 half up (half to even would give 850.00)
    assert found.rate == Decimal("850.01")
    assert found.source == "public"
    assert found.agreement is None


def test_outside_seasons_the_day_types_rate_else_the_default_rate(king):
    # Thursday 1 May 2031 and Friday 2 May: no season; a weekday rate outside seasons, no weekend one.
    found = quote(king, date(2031, 5, 1), 2)
    assert [night.amount for night in found.nights] == [Decimal("750.00"), Decimal("880.00")]
    assert found.seasons == [(None, DayType.WEEKDAY), (None, DayType.WEEKEND)]


def test_an_agreements_fixed_rate_replaces_the_public_rate(king):
    account = AccountFactory()
    made = agreement(account, date(2031, 1, 1), date(2031, 12, 31), room_type=king, amount=Decimal("600.00"))
    found = quote(king, ARRIVAL, 4, account=account.pk)
    assert (found.rate, found.source, found.agreement) == (Decimal("600.00"), "agreement", made)


def test_a_discount_for_every_room_type_comes_off_each_nights_public_rate(king):
    account = AccountFactory()
    agreement(account, date(2031, 1, 1), date(2031, 12, 31), discount_percent=Decimal("10"))
    found = quote(king, ARRIVAL, 4, account=account.pk)
    # 630 + 720 + 900 + 810.018 → 810.02 = 3060.02; / 4 = 765.005 → 765.01
    assert [night.amount for night in found.nights][-1] == Decimal("810.02")
    assert found.rate == Decimal("765.01")


def test_a_room_types_own_line_wins_over_the_line_for_every_room_type(king):
    account = AccountFactory()
    made = agreement(account, date(2031, 1, 1), date(2031, 12, 31), discount_percent=Decimal("50"))
    AgreementRate.objects.create(agreement=made, room_type=king, amount=Decimal("666.00"))
    assert quote(king, ARRIVAL, 1, account=account.pk).rate == Decimal("666.00")


def test_the_nights_after_an_agreements_last_day_pay_the_public_rate(king):
    account = AccountFactory()
    agreement(account, date(2031, 1, 1), date(2031, 3, 28), room_type=king, amount=Decimal("600.00"))
    found = quote(king, ARRIVAL, 4, account=account.pk)
    # 600 + 600 + 1000 + 900.02 = 3100.02; / 4 = 775.005 → 775.01
    assert found.rate == Decimal("775.01")
    assert found.source == "agreement"
    assert found.partly_public


def test_an_expired_agreement_is_not_applied(king):
    account = AccountFactory()
    agreement(account, date(2030, 1, 1), date(2031, 3, 26), room_type=king, amount=Decimal("600.00"))
    found = quote(king, ARRIVAL, 4, account=account.pk)
    assert (found.rate, found.source) == (Decimal("850.01"), "public")


def test_an_agreement_without_a_line_for_the_room_type_leaves_the_public_rate(king):
    account = AccountFactory()
    agreement(account, date(2031, 1, 1), date(2031, 12, 31), room_type=RoomTypeFactory(code="ES"), amount=1)
    assert quote(king, ARRIVAL, 4, account=account.pk).source == "public"


def test_another_accounts_agreement_is_not_applied(king):
    agreement(AccountFactory(), date(2031, 1, 1), date(2031, 12, 31), room_type=king, amount=Decimal("600.00"))
    assert quote(king, ARRIVAL, 4, account=AccountFactory().pk).source == "public"


def test_the_database_refuses_overlapping_agreements_of_one_account(king):
    account = AccountFactory()
    agreement(account, date(2031, 1, 1), date(2031, 6, 30), room_type=king, amount=Decimal("600.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        RateAgreement.objects.create(account=account, valid_from=date(2031, 6, 30), valid_until=date(2031, 12, 31))
    RateAgreement.objects.create(account=account, valid_from=date(2031, 7, 1), valid_until=date(2031, 12, 31))
    RateAgreement.objects.create(account=AccountFactory(), valid_from=date(2031, 1, 1), valid_until=date(2031, 12, 31))


def test_the_database_refuses_overlapping_seasons(king):
    with pytest.raises(IntegrityError), transaction.atomic():
        Season.objects.create(name_zh="春节", name_en="Spring", starts_on=date(2031, 3, 28), ends_on=date(2031, 3, 29))


def test_a_line_is_a_fixed_rate_or_a_discount_never_both(king):
    made = RateAgreement.objects.create(account=AccountFactory(), valid_from=ARRIVAL, valid_until=ARRIVAL)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementRate.objects.create(agreement=made, room_type=king, amount=1, discount_percent=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementRate.objects.create(agreement=made, room_type=king)


def test_a_quote_reads_a_fixed_number_of_queries_for_the_longest_stay(king, settings, django_assert_max_num_queries):
    account = AccountFactory()
    agreement(account, date(2031, 1, 1), date(2031, 12, 31), discount_percent=Decimal("10"))
    with django_assert_max_num_queries(4):
        found = quote(king, date(2031, 2, 1), settings.MAX_STAY_NIGHTS, account=account.pk)
    assert len(found.nights) == settings.MAX_STAY_NIGHTS


def test_a_reservation_without_a_rate_takes_the_guests_account_agreement(king):
    account = AccountFactory()
    made = agreement(account, date(2031, 1, 1), date(2031, 12, 31), room_type=king, amount=Decimal("600.00"))
    reservation = book_room(
        guest=ProfileFactory(account=account), arrival=ARRIVAL, departure=date(2031, 3, 31), room_type=king
    )
    assert (reservation.rate, reservation.rate_source, reservation.rate_agreement) == (
        Decimal("600.00"),
        "agreement",
        made,
    )
