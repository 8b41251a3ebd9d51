import pytest
from django.urls import reverse

from clienthistory import queries
from tests.factories import AccountFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def test_it_suggests_profiles_sharing_a_mobile_an_email_or_a_name_under_one_account():
    a, b = ProfileFactory(mobile="13800000001"), ProfileFactory(mobile="13800000001")
    c, d = ProfileFactory(email="same@example.cn"), ProfileFactory(email="same@example.cn")
    account = AccountFactory()
    e, f = ProfileFactory(name="Zhang Wei", account=account), ProfileFactory(name="zhangwei", account=account)
    ProfileFactory(name="Zhang Wei")  # same name, but not under the same account
    ProfileFactory(name="赵六", account=account)

    groups = {tuple(p.pk for p in group.profiles) for group in queries.duplicate_groups()}

    assert groups == {(a.pk, b.pk), (c.pk, d.pk), (e.pk, f.pk)}


def test_merged_profiles_are_not_suggested_again():
    keep = ProfileFactory(mobile="13800000002")
    ProfileFactory(mobile="13800000002", merged_into=keep)
    assert queries.duplicate_groups() == []


def test_the_duplicates_page_lists_the_groups(client_for):
    ProfileFactory(name="周杰", mobile="13800000003")
    ProfileFactory(name="周 杰", mobile="13800000003")
    page = client_for("manager").get(reverse("clienthistory:duplicate-list"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Same mobile" in page.content.decode()
    assert "周 杰" in page.content.decode()
