"""A contact is looked up within the chosen account: its people come first, and one of another account is refused."""

import lxml.html
import pytest
from django.urls import reverse

from clienthistory.models import Activity
from reservations.models import Booking
from tests.factories import AccountFactory, ProfileFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def accounts():
    ours, theirs = AccountFactory(name="平安保险"), AccountFactory(name="华为")
    ProfileFactory(name="王芳", account=theirs)
    ProfileFactory(name="王小明")
    ProfileFactory(name="王伟", account=ours)
    return ours, theirs


def suggested(client, **params) -> list[str]:
    page = client.get(reverse("clienthistory:profile-lookup"), params)
    return [button.get("data-lookup-label") for button in lxml.html.fragments_fromstring(page.content.decode())]


def test_the_chosen_accounts_people_come_first(client_for, accounts):
    ours, _theirs = accounts
    client = client_for("sales")
    assert suggested(client, q="王") == ["王芳", "王伟", "王小明"]
    assert suggested(client, q="王", account=ours.pk) == ["王伟", "王芳", "王小明"]
    assert suggested(client, q="", account=ours.pk) == ["王伟"]


def test_the_contact_box_sends_the_chosen_account(client_for):
    for url in (reverse("clienthistory:activity-create"), reverse("reservations:booking-create")):
        form = lxml.html.fromstring(client_for("sales").get(url).content)
        [box] = form.xpath("//input[@name='contact__search']")
        assert box.get("hx-include") == "[name='account']", url


def test_a_visit_with_another_accounts_contact_is_refused(client_for, accounts):
    ours, theirs = accounts
    wang_fang = theirs.contacts.get()
    page = client_for("sales").post(
        reverse("clienthistory:activity-create"),
        {"kind": "visit", "due_at": "2026-11-29T10:00", "duration_minutes": 60, "purpose": "介绍年会场地",
         "account": ours.pk, "contact": wang_fang.pk},
        **EN,
    )  # fmt: skip
    assert page.context["form"].errors["contact"] == [
        "王芳 works for 华为, not for 平安保险. Choose one of 平安保险's people."
    ]
    assert not Activity.objects.exists()


def test_a_booking_with_another_accounts_contact_is_refused(client_for, cast, accounts):
    ours, theirs = accounts
    page = client_for("sales").post(
        reverse("reservations:booking-create"),
        {"kind": "conference", "name": "平安年度大会", "account": ours.pk, "contact": theirs.contacts.get().pk,
         "owner": cast["sales"].pk, "segment": "mice", "status": "prospect", "account_kind": "company"},
        **EN,
    )  # fmt: skip
    assert "contact" in page.context["form"].errors
    assert not Booking.objects.exists()
