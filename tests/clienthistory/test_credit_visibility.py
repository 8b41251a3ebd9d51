"""The front desk sees no credit data (DESIGN §6): not a hold's reasons, not a rating, not even the order of the
ratings. An account on hold shows it a neutral "Confirm with sales"; the roles that see credit data see the hold
and why."""

from datetime import date
from decimal import Decimal

import lxml.html
import pytest
from django.urls import reverse

from clienthistory.credit import assess_credit
from reservations.sales.lifecycle import confirm_booking
from tests.factories import AccountFactory, BookingFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
SEES_CREDIT = ("sales", "manager", "receivables")
REASON = "owes more than its credit limit"


@pytest.fixture
def held():
    """An account on credit hold for owing more than its limit, and a booking of it."""
    account = AccountFactory(name="欠款公司", credit_limit=Decimal("100"), credit_hold=True,
                             credit_hold_reason="over_limit")  # fmt: skip
    return BookingFactory(account=account, name="欠款公司年会")


def pages(booking) -> list[str]:
    return [
        reverse("clienthistory:account-list"),
        booking.account.get_absolute_url(),
        reverse("reservations:booking-list"),
        booking.get_absolute_url(),
    ]


def test_the_front_desk_is_told_to_confirm_with_sales_without_the_reasons(client_for, held):
    for url in pages(held):
        page = client_for("front_desk").get(url, **EN).content.decode()
        assert REASON not in page, url
        assert "Credit hold" not in page, url
    for url in pages(held)[1:]:
        assert 'data-testid="confirm-with-sales"' in client_for("front_desk").get(url, **EN).content.decode(), url


@pytest.mark.parametrize("role", SEES_CREDIT)
def test_the_roles_that_see_credit_data_see_the_hold_and_its_reasons(client_for, held, role):
    for url in pages(held)[1:]:
        page = client_for(role).get(url, **EN).content.decode()
        assert f"Credit hold: {REASON}" in page, url
        assert "confirm-with-sales" not in page, url


def test_the_front_desk_cannot_sort_accounts_by_credit_rating(client_for):
    for name, rating in (("阿里巴巴", "D"), ("百度", "A"), ("腾讯", "B")):
        AccountFactory(name=name, credit_rating=rating)

    def listing(role):
        return client_for(role).get(reverse("clienthistory:account-list"), {"sort": "-rating"}).context["listing"]

    assert listing("front_desk").sort == "name"
    assert [account.name for account in listing("front_desk").page] == ["阿里巴巴", "百度", "腾讯"]
    for role in SEES_CREDIT:
        assert [account.name for account in listing(role).page] == ["阿里巴巴", "腾讯", "百度"]


def test_the_front_desks_export_has_no_credit_columns_nor_their_order(client_for):
    for name, rating in (("阿里巴巴", "D"), ("百度", "A"), ("腾讯", "B")):
        AccountFactory(name=name, credit_rating=rating, credit_limit=Decimal("50000"), payment_terms_days=45)
    params = {"format": "csv", "sort": "rating"}

    def export(role) -> list[str]:
        response = client_for(role).get(reverse("clienthistory:account-export"), params, **EN)
        return b"".join(response.streaming_content).decode("utf-8-sig").splitlines()

    header, *rows = export("front_desk")
    assert not {"Credit rating", "Credit limit", "Payment terms (days)"} & set(header.split(","))
    assert [row.split(",")[0] for row in rows] == ["阿里巴巴", "百度", "腾讯"]
    for role in SEES_CREDIT:
        header, *rows = export(role)
        assert {"Credit rating", "Credit limit", "Payment terms (days)"} <= set(header.split(","))
        assert [row.split(",")[0] for row in rows] == ["百度", "腾讯", "阿里巴巴"]


def test_the_front_desk_sees_no_credit_changes_in_the_account_history(client_for, cast):
    account = AccountFactory(name="华为技术")
    assess_credit(account=account, rating="C", limit=Decimal("20000"), reviewer=cast["receivables"],
                  assessed_on=date(2026, 11, 1))  # fmt: skip
    history = client_for("front_desk").get(account.get_absolute_url(), **EN).context["history"]
    assert [entry.kind for entry in history] == ["Created"]
    history = client_for("sales").get(account.get_absolute_url(), **EN).context["history"]
    assert [change.field for change in history[0].changes] == ["credit rating", "credit limit"]


def test_the_front_desk_does_not_see_that_a_manager_approved_a_booking_despite_a_hold(client_for, cast, held):
    confirm_booking(booking=held, by=cast["manager"], approved_by=cast["manager"])
    page = client_for("front_desk").get(held.get_absolute_url(), **EN)
    assert "Credit hold approved" not in page.content.decode()
    assert [change.field for change in page.context["history"][0].changes] == ["status", "definite on"]
    page = client_for("sales").get(held.get_absolute_url(), **EN)
    assert "Credit hold approved" in page.content.decode()
    assert "credit hold approved by" in [change.field for change in page.context["history"][0].changes]


def test_only_a_manager_is_offered_to_approve_a_booking_despite_the_hold(client_for, held):
    confirming = reverse("reservations:booking-status-confirm", args=[held.pk, "definite"])
    assert 'name="approve_credit"' in client_for("manager").get(confirming).content.decode()
    assert 'name="approve_credit"' not in client_for("sales").get(confirming).content.decode()


def test_a_list_shows_the_hold_as_an_icon_that_names_its_reasons(client_for, held):
    page = client_for("sales").get(reverse("reservations:booking-list"), **EN)
    [flag] = lxml.html.fromstring(page.content).xpath("//*[@data-testid='credit-hold']")
    summary = flag.find("summary")
    assert summary.text_content().strip() == ""
    assert summary.get("title") == summary.get("aria-label") == f"Credit hold: {REASON}"
    assert flag.text_content().strip() == f"Credit hold: {REASON}"
