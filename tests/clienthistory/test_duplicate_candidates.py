"""The likely duplicates follow the profiles, however they are written: PostgreSQL finds a profile's pairs again
whenever it is written (migration 0006)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clienthistory.imports import PROFILE_COLUMNS, import_profiles
from clienthistory.merge import merge_profiles
from clienthistory.models import DuplicateCandidate, Profile
from clienthistory.privacy import anonymise_profile
from hotelsales.tabular import read_table
from tests.factories import AccountFactory, ProfileFactory

pytestmark = pytest.mark.django_db
MOBILE, EMAIL, NAME = DuplicateCandidate.Reason


def pairs() -> set[tuple[int, int, int]]:
    return set(DuplicateCandidate.objects.values_list("profile_a", "profile_b", "reason"))


def test_an_edit_adds_and_removes_the_pair():
    a, b = ProfileFactory(mobile="13800000010"), ProfileFactory()
    b.mobile = "13800000010"
    b.save()
    assert pairs() == {(a.pk, b.pk, MOBILE)}

    b.mobile = "13800000011"
    b.save()
    assert pairs() == set()


def test_moving_a_contact_under_the_account_of_its_namesake_pairs_them():
    account = AccountFactory()
    a, b = ProfileFactory(name="李娜", account=account), ProfileFactory(name="李娜")
    assert pairs() == set()

    Profile.objects.filter(pk=b.pk).update(account=account)
    assert pairs() == {(a.pk, b.pk, NAME)}


def test_a_weaker_reason_takes_over_when_the_stronger_one_goes():
    a = ProfileFactory(mobile="13800000012", email="x@example.cn")
    b = ProfileFactory(mobile="13800000012", email="x@example.cn")
    b.mobile = ""
    b.save()
    assert pairs() == {(a.pk, b.pk, EMAIL)}


def test_profiles_created_together_in_bulk_are_paired():
    a, b = Profile.objects.bulk_create([Profile(name=name, email="s@example.cn") for name in ("甲", "乙")])
    assert pairs() == {(a.pk, b.pk, EMAIL)}


def test_an_imported_profile_is_paired_with_the_one_already_on_file():
    known = ProfileFactory(mobile="13800138000")
    upload = SimpleUploadedFile("p.csv", "姓名,手机\n张三,13800138000\n".encode())
    rows = read_table(upload, columns=PROFILE_COLUMNS).rows

    import_profiles(rows=rows)

    imported = Profile.objects.get(name="张三")
    assert pairs() == {(known.pk, imported.pk, MOBILE)}


def test_a_merge_drops_the_pair_and_pairs_the_kept_profile_by_what_it_took_over():
    keep = ProfileFactory(name="王芳", mobile="13800000013", email="")
    drop = ProfileFactory(name="王 芳", mobile="13800000013", email="wf@example.cn")
    third = ProfileFactory(email="wf@example.cn")

    merge_profiles(keep=keep, drop=drop)

    assert pairs() == {(keep.pk, third.pk, EMAIL)}


def test_deleting_a_profile_deletes_its_pairs():
    a, b = ProfileFactory(mobile="13800000014"), ProfileFactory(mobile="13800000014")
    b.delete()
    assert pairs() == set()
    assert Profile.objects.filter(pk=a.pk).exists()


def test_anonymised_profiles_are_not_suggested():
    account = AccountFactory()
    a = ProfileFactory(account=account, mobile="13800000015")
    b = ProfileFactory(account=account, mobile="13800000015")
    c = ProfileFactory(account=account)

    anonymise_profile(profile=b)
    anonymise_profile(profile=c)

    assert pairs() == set()
    assert Profile.objects.filter(pk=a.pk, anonymised_at=None).exists()
