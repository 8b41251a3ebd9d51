from decimal import Decimal

import pytest
from django.urls import reverse

from clienthistory.models import Account
from tests.factories import AccountFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_type_and_status(client_for):
    AccountFactory(name="国旅北京分社", kind="travel_agency", status="active")
    AccountFactory(name="华为技术", kind="company", status="active")
    AccountFactory(name="海淀区政府", kind="government", status="inactive")
    page = client_for("sales").get(reverse("clienthistory:account-list"), {"kind": "company", "status": "active"})
    names = [account.name for account in page.context["listing"].page]
    assert names == ["华为技术"]


def test_the_list_searches_by_partial_name_and_sorts(client_for):
    AccountFactory(name="上海浦东香格里拉")
    AccountFactory(name="上海外滩金融")
    AccountFactory(name="北京燕莎")
    page = client_for("sales").get(reverse("clienthistory:account-list"), {"q": "上海", "sort": "-name"})
    assert [account.name for account in page.context["listing"].page] == [
        "上海外滩金融",
        "上海浦东香格里拉",
    ]  # pinyin, reversed


def test_an_unknown_sort_falls_back_to_name(client_for):
    AccountFactory(name="乙")
    AccountFactory(name="甲")
    page = client_for("sales").get(reverse("clienthistory:account-list"), {"sort": "password"})
    assert page.status_code == 200
    assert page.context["listing"].sort == "name"


def test_front_desk_sees_no_credit_data(client_for):
    account = AccountFactory(
        name="信用测试公司", credit_rating="B", credit_limit=Decimal("88888.00"), payment_terms_days=45
    )
    for url in (reverse("clienthistory:account-list"), account.get_absolute_url()):
        page = client_for("front_desk").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "88,888" not in page
        assert "Credit" not in page
        assert "Payment terms" not in page
    assert "88,888.00" in client_for("sales").get(account.get_absolute_url()).content.decode()


def test_front_desk_cannot_filter_by_credit_rating(client_for):
    AccountFactory(name="甲公司", credit_rating="A")
    AccountFactory(name="乙公司", credit_rating="D")
    page = client_for("front_desk").get(reverse("clienthistory:account-list"), {"credit_rating": "D"})
    assert len(page.context["listing"].page) == 2


def test_a_salesperson_creates_an_account_they_own(client_for, cast):
    response = client_for("sales").post(
        reverse("clienthistory:account-create"),
        {
            "name": "  阿里巴巴  集团 ",
            "kind": "company",
            "owner": cast["sales"].pk,
            "segment": "corporate",
            "status": "prospect",
            "letter_language": "zh-hans",
            "payment_terms_days": 30,
        },
    )
    account = Account.objects.get()
    assert response["Location"] == account.get_absolute_url()
    assert account.name == "阿里巴巴 集团"
    assert account.owner == cast["sales"]


def test_the_account_form_ignores_credit_fields(client_for):
    account = AccountFactory(credit_rating="C", credit_limit=Decimal("1000"))
    client_for("sales").post(
        reverse("clienthistory:account-edit", args=[account.pk]),
        {"name": account.name, "kind": "company", "segment": "corporate", "status": "active",
         "letter_language": "en", "payment_terms_days": 60, "credit_rating": "A", "credit_limit": "999999"},
    )  # fmt: skip
    account.refresh_from_db()
    assert (account.credit_rating, account.credit_limit) == ("C", Decimal("1000.00"))
    assert account.payment_terms_days == 60


def test_bad_input_shows_field_errors_and_saves_nothing(client_for):
    response = client_for("sales").post(
        reverse("clienthistory:account-create"),
        {"name": "", "kind": "spaceship", "segment": "corporate", "status": "active", "letter_language": "zh-hans",
         "payment_terms_days": -5, "email": "not-an-email"},
    )  # fmt: skip
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "kind", "payment_terms_days", "email"}
    assert not Account.objects.exists()


def test_the_detail_page_shows_contacts_and_history(client_for, cast):
    account = AccountFactory(name="中信集团")
    ProfileFactory(name="赵敏", account=account)
    client = client_for("sales")
    client.post(
        reverse("clienthistory:account-edit", args=[account.pk]),
        {"name": "中信集团有限公司", "kind": "company", "segment": "corporate", "status": "active",
         "letter_language": "zh-hans", "payment_terms_days": 30},
    )  # fmt: skip
    page = client.get(account.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert "赵敏" in page.content.decode()
    entries = page.context["history"]
    assert entries[0].kind == "Changed"
    assert entries[0].who == cast["sales"].get_full_name()
    assert [(c.old, c.new) for c in entries[0].changes if c.field == "name"] == [("中信集团", "中信集团有限公司")]


@pytest.mark.parametrize("rows", [10, 200])
def test_the_list_keeps_its_query_count(rows, client_for, django_assert_max_num_queries):
    AccountFactory.create_batch(rows)
    client = client_for("sales")
    with django_assert_max_num_queries(7):
        assert client.get(reverse("clienthistory:account-list"), {"sort": "owner"}).status_code == 200


@pytest.mark.parametrize("contacts", [1, 30])
def test_the_detail_page_keeps_its_query_count(contacts, client_for, django_assert_max_num_queries):
    account = AccountFactory()
    ProfileFactory.create_batch(contacts, account=account)
    client = client_for("sales")
    with django_assert_max_num_queries(15):  # the bookings, rate agreements and receivables tabs add their reads
        assert client.get(account.get_absolute_url()).status_code == 200
