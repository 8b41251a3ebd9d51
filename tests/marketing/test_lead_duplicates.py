"""Duplicate suggestions on a lead's page: accounts and contacts in the files that look like its client, and a
conversion started from one that makes no second account."""

import pytest

from clienthistory.models import Account, Profile
from marketing.leads.duplicates import suggestions_for
from reservations.models import Booking
from tests.factories import AccountFactory, LeadFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def _why(suggestions) -> dict:
    return {suggestion.record.name: {str(reason) for reason in suggestion.reasons} for suggestion in suggestions}


def test_it_suggests_by_mobile_email_and_company_name():
    same_name = AccountFactory(name="蓝海科技有限公司")
    AccountFactory(name="蓝海科技（上海）有限公司")
    AccountFactory(name="星辰婚庆", email="info@xingchen.cn")
    AccountFactory(name="别的公司")
    ProfileFactory(name="李娜", mobile="13912345678", account=same_name)
    ProfileFactory(name="王芳", email="wf@example.com", account=None)
    lead = LeadFactory(mobile="13912345678", email="WF@example.com".lower(), company="蓝海科技有限公司")
    found = suggestions_for(lead)
    assert _why(found.contacts) == {"李娜": {"same mobile"}, "王芳": {"same email"}}
    assert _why(found.accounts) == {
        "蓝海科技有限公司": {"a matching contact's account", "same company name"},
        "蓝海科技（上海）有限公司": {"similar company name"},
    }


def test_an_account_is_suggested_by_its_email():
    AccountFactory(name="星辰婚庆", email="info@xingchen.cn")
    found = suggestions_for(LeadFactory(email="info@xingchen.cn", company=""))
    assert _why(found.accounts) == {"星辰婚庆": {"same email"}}


def test_at_most_five_of_each(client_for):
    for n in range(8):
        AccountFactory(name=f"蓝海科技{n}号有限公司")
    assert len(suggestions_for(LeadFactory(company="蓝海科技")).accounts) == 5


def test_the_page_shows_them_in_a_flat_number_of_queries(client_for, django_assert_max_num_queries):
    lead = LeadFactory(company="蓝海科技")
    for n in range(8):
        ProfileFactory(account=AccountFactory(name=f"蓝海科技{n}号有限公司"), mobile=lead.mobile)
    client = client_for("sales")
    with django_assert_max_num_queries(16):
        response = client.get(f"/marketing/leads/{lead.pk}/")
    assert response.content.decode().count('data-testid="suggested-account"') == 5


def test_converting_with_the_suggested_account_makes_no_second_one(client_for):
    account = AccountFactory(name="蓝海科技（上海）有限公司", segment="corporate")
    lead = LeadFactory(company="蓝海科技有限公司", contact_name="周杰", mobile="13811112222", email="zj@example.com")
    client = client_for("sales")
    form = client.get(f"/marketing/leads/{lead.pk}/convert/", {"account": account.pk}).context["form"]
    assert (form["account"].value(), form["account_name"].value()) == (account.pk, None)
    data = {name: value for name in form.fields if (value := form[name].value()) not in (None, "")}
    data.update(status="prospect", with_event="")
    response = client.post(f"/marketing/leads/{lead.pk}/convert/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert Account.objects.count() == 1
    assert Booking.objects.get().account == account
    assert Profile.objects.get().account == account  # the new contact, under the account chosen


def test_a_made_up_choice_is_ignored(client_for):
    lead = LeadFactory(company="新公司")
    response = client_for("sales").get(f"/marketing/leads/{lead.pk}/convert/", {"account": "x1", "contact": "999999"})
    assert response.status_code == 200
    assert response.context["form"]["account_name"].value() == "新公司"
