import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clienthistory.merge import merge_profiles
from clienthistory.models import Activity, Preference, Profile
from tests.factories import (
    AccountFactory,
    ActivityFactory,
    PreferenceFactory,
    ProfileFactory,
    VipLevelFactory,
)

pytestmark = pytest.mark.django_db


def test_merging_moves_every_related_row_and_loses_nothing(cast):
    account = AccountFactory()
    vip1, vip3 = VipLevelFactory(code="VIP1", rank=1), VipLevelFactory(code="VIP3", rank=3)
    keep = ProfileFactory(name="王芳", mobile="13800138000", email="", vip_level=vip3, notes="常住")
    drop = ProfileFactory(name="王 芳", mobile="13900139000", email="wf@example.cn", account=account,
                          vip_level=vip1, birthday="1988-08-08", notes="喜欢高楼层")  # fmt: skip
    older_duplicate = ProfileFactory(name="王芳芳", merged_into=drop)
    PreferenceFactory(profile=keep, category="allergy", text="花生")
    PreferenceFactory(profile=drop, category="allergy", text="花生")
    PreferenceFactory(profile=drop, category="room", text="无烟房")
    visit = ActivityFactory(contact=drop, account=account, owner=cast["sales"])

    merge_profiles(keep=keep, drop=drop, by=cast["manager"])

    keep.refresh_from_db()
    drop.refresh_from_db()
    assert drop.merged_into == keep
    assert Activity.objects.get(pk=visit.pk).contact == keep
    assert Profile.objects.get(pk=older_duplicate.pk).merged_into == keep
    assert sorted(Preference.objects.filter(profile=keep).values_list("text", flat=True)) == ["无烟房", "花生"]
    assert not Preference.objects.filter(profile=drop).exists()
    assert (keep.email, keep.account, str(keep.birthday)) == ("wf@example.cn", account, "1988-08-08")
    assert keep.vip_level == vip1
    assert keep.mobile == "13800138000"
    assert "13900139000" in keep.notes
    assert "喜欢高楼层" in keep.notes
    assert "常住" in keep.notes


def test_both_histories_are_kept(cast):
    keep, drop = ProfileFactory(name="甲"), ProfileFactory(name="乙")
    merge_profiles(keep=keep, drop=drop, by=cast["manager"])
    assert drop.history.count() == 2
    assert drop.history.first().merged_into_id == keep.pk
    assert keep.history.first().history_user == cast["manager"]
    assert "乙" in keep.history.first().history_change_reason


def test_a_profile_cannot_be_merged_into_itself_or_twice():
    keep, drop = ProfileFactory(), ProfileFactory()
    with pytest.raises(ValidationError):
        merge_profiles(keep=keep, drop=keep)
    merge_profiles(keep=keep, drop=drop)
    with pytest.raises(ValidationError):
        merge_profiles(keep=keep, drop=drop)


def test_the_merge_page_previews_then_merges(client_for):
    keep, drop = ProfileFactory(name="李娜"), ProfileFactory(name="李 娜")
    client = client_for("sales")
    preview = client.get(reverse("clienthistory:profile-merge"), {"keep": keep.pk, "drop": drop.pk})
    assert "李 娜" in preview.content.decode()
    assert Profile.objects.get(pk=drop.pk).merged_into is None

    response = client.post(reverse("clienthistory:profile-merge"), {"keep": keep.pk, "drop": drop.pk})
    assert response["Location"] == keep.get_absolute_url()
    assert Profile.objects.get(pk=drop.pk).merged_into == keep


def test_the_merge_page_refuses_missing_choices(client_for):
    response = client_for("sales").post(reverse("clienthistory:profile-merge"), {"keep": "x"})
    assert response.status_code == 400
