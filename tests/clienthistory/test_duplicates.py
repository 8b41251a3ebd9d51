import pytest
from django.urls import reverse

from clienthistory import queries
from clienthistory.models import DuplicateCandidate
from hotelsales.listing import PER_PAGE
from tests.factories import AccountFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def test_it_suggests_profiles_sharing_a_mobile_an_email_or_a_name_under_one_account():
    a, b = ProfileFactory(mobile="13800000001"), ProfileFactory(mobile="13800000001")
    c, d = ProfileFactory(email="same@example.cn"), ProfileFactory(email="same@example.cn")
    account = AccountFactory()
    e, f = ProfileFactory(name="Zhang Wei", account=account), ProfileFactory(name="zhangwei", account=account)
    ProfileFactory(name="Zhang Wei")  # same name, but not under the same account
    ProfileFactory(name="赵六", account=account)

    pairs = [(pair.get_reason_display(), [p.pk for p in pair.profiles]) for pair in queries.duplicate_candidates()]

    assert pairs == [
        ("Same mobile", [a.pk, b.pk]),
        ("Same email", [c.pk, d.pk]),
        ("Near-identical name under one account", [e.pk, f.pk]),
    ]


def test_a_pair_sharing_a_mobile_and_an_email_is_suggested_once_for_its_mobile():
    a = ProfileFactory(mobile="13800000004", email="both@example.cn")
    b = ProfileFactory(mobile="13800000004", email="both@example.cn")
    assert list(DuplicateCandidate.objects.values_list("profile_a", "profile_b", "reason")) == [
        (a.pk, b.pk, DuplicateCandidate.Reason.MOBILE)
    ]


def test_three_profiles_sharing_a_mobile_make_three_pairs():
    a, b, c = (ProfileFactory(mobile="13800000005") for _ in range(3))
    pairs = {tuple(p.pk for p in pair.profiles) for pair in queries.duplicate_candidates()}
    assert pairs == {(a.pk, b.pk), (a.pk, c.pk), (b.pk, c.pk)}


def test_merged_profiles_are_not_suggested_again():
    keep = ProfileFactory(mobile="13800000002")
    ProfileFactory(mobile="13800000002", merged_into=keep)
    assert not queries.duplicate_candidates().exists()


def test_the_duplicates_page_lists_the_groups(client_for):
    ProfileFactory(name="周杰", mobile="13800000003")
    ProfileFactory(name="周 杰", mobile="13800000003")
    page = client_for("manager").get(reverse("clienthistory:duplicate-list"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Same mobile" in page.content.decode()
    assert "周 杰" in page.content.decode()


def test_the_page_shows_a_page_of_pairs_in_the_same_few_queries_however_many_there_are(
    client_for, django_assert_max_num_queries
):
    for number in range(PER_PAGE + 5):
        ProfileFactory.create_batch(2, mobile=f"1370000{number:04d}", account=AccountFactory())
    client = client_for("sales")
    url = reverse("clienthistory:duplicate-list")

    with django_assert_max_num_queries(12):
        first = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    last = client.get(url, {"page": 2}, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert first.count('data-testid="duplicate-group"') == PER_PAGE
    assert last.count('data-testid="duplicate-group"') == 5
    assert "13700000029" in last
