"""Routing a new lead: to the owner of the account its details match, else round the sales staff in turn."""

import pytest

from marketing.leads.intake import receive_lead
from marketing.models import Lead
from tests.factories import AccountFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def lead(**fields) -> Lead:
    return receive_lead(lead=Lead(kind="banquet", contact_name="李娜", **{"mobile": "13912345678", **fields}))


def test_a_lead_from_a_contact_in_the_files_goes_to_the_owner_of_their_account():
    owner = UserFactory(roles=["sales"])
    UserFactory(roles=["sales"])
    account = AccountFactory(owner=owner)
    ProfileFactory(account=account, mobile="13912345678")
    assert lead().owner == owner


def test_a_lead_naming_a_known_company_goes_to_its_owner():
    owner = UserFactory(roles=["sales"])
    UserFactory(roles=["sales"])
    AccountFactory(owner=owner, name="蓝海科技有限公司")
    assert lead(mobile="13700000001", company="蓝海科技有限公司").owner == owner


def test_new_clients_go_round_the_sales_staff_in_turn():
    first, second, third = (UserFactory(roles=["sales"]) for _ in range(3))
    UserFactory(roles=["sales"], is_active=False)
    UserFactory(roles=["front_desk"])
    owners = [lead(mobile=f"1370000000{n}").owner for n in range(6)]
    assert owners == [first, second, third, first, second, third]


def test_no_one_selling_leaves_the_lead_without_an_owner():
    assert lead().owner is None
