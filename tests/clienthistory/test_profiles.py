import pytest
from django.urls import reverse

from clienthistory.models import Preference, Profile
from tests.factories import AccountFactory, PreferenceFactory, ProfileFactory, VipLevelFactory

pytestmark = pytest.mark.django_db


def test_a_front_desk_clerk_creates_a_profile_with_a_normalised_mobile(client_for):
    account = AccountFactory(name="腾讯科技")
    vip = VipLevelFactory(code="VIP1")
    response = client_for("front_desk").post(
        reverse("clienthistory:profile-create"),
        {"name": " 欧阳  娜娜 ", "account": account.pk, "mobile": "138 0013-8000", "email": "NANA@Example.CN",
         "language": "zh-hans", "vip_level": vip.pk, "birthday": "1990-05-04"},
    )  # fmt: skip
    profile = Profile.objects.get()
    assert response["Location"] == profile.get_absolute_url()
    assert (profile.name, profile.mobile, profile.email) == ("欧阳 娜娜", "13800138000", "nana@example.cn")
    assert profile.account == account
    assert profile.vip_level == vip


def test_a_bad_mobile_and_date_are_refused_with_field_errors(client_for):
    response = client_for("front_desk").post(
        reverse("clienthistory:profile-create"),
        {"name": "李雷", "mobile": "call me", "language": "zh-hans", "birthday": "2026-02-30"},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"mobile", "birthday"}
    assert not Profile.objects.exists()


def test_a_new_contact_can_start_from_the_account(client_for):
    account = AccountFactory(name="小米科技")
    page = client_for("sales").get(reverse("clienthistory:profile-create"), {"account": account.pk})
    assert page.context["form"].initial["account"] == account.pk
    assert "小米科技" in page.content.decode()


def test_preferences_are_added_and_removed_in_place(client_for):
    profile = ProfileFactory()
    client = client_for("front_desk")
    response = client.post(
        reverse("clienthistory:preference-add", args=[profile.pk]),
        {"category": "allergy", "text": "海鲜过敏"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "海鲜过敏" in response.content.decode()
    preference = Preference.objects.get(profile=profile)
    assert preference.category == "allergy"

    response = client.post(reverse("clienthistory:preference-delete", args=[preference.pk]), HTTP_HX_REQUEST="true")
    assert "海鲜过敏" not in response.content.decode()
    assert not Preference.objects.exists()


def test_an_empty_preference_is_refused(client_for):
    profile = ProfileFactory()
    response = client_for("front_desk").post(
        reverse("clienthistory:preference-add", args=[profile.pk]), {"category": "room", "text": ""}
    )
    assert response.status_code == 400
    assert not Preference.objects.exists()


def test_the_profile_shows_its_preferences(client_for):
    preference = PreferenceFactory(category="dietary", text="素食")
    page = client_for("sales").get(preference.profile.get_absolute_url())
    assert "素食" in page.content.decode()


def test_a_merged_profile_leads_to_the_one_it_was_merged_into(client_for):
    kept = ProfileFactory(name="王芳")
    merged = ProfileFactory(name="王 芳", merged_into=kept)
    response = client_for("sales").get(merged.get_absolute_url())
    assert response["Location"] == kept.get_absolute_url()


def test_the_list_hides_merged_profiles_and_filters_by_account(client_for):
    account = AccountFactory()
    kept = ProfileFactory(name="张三", account=account)
    ProfileFactory(name="张三丰", account=account, merged_into=kept)
    ProfileFactory(name="李四")
    page = client_for("sales").get(reverse("clienthistory:profile-list"), {"account": account.pk})
    assert [p.name for p in page.context["listing"].page] == ["张三"]


@pytest.mark.parametrize("rows", [10, 200])
def test_the_list_keeps_its_query_count(rows, client_for, django_assert_max_num_queries):
    vip = VipLevelFactory()
    account = AccountFactory()
    ProfileFactory.create_batch(rows, account=account, vip_level=vip)
    client = client_for("sales")
    with django_assert_max_num_queries(7):
        assert client.get(reverse("clienthistory:profile-list"), {"sort": "vip"}).status_code == 200


@pytest.mark.parametrize("preferences", [1, 20])
def test_the_detail_page_keeps_its_query_count(preferences, client_for, django_assert_max_num_queries):
    profile = ProfileFactory(account=AccountFactory(), vip_level=VipLevelFactory())
    PreferenceFactory.create_batch(preferences, profile=profile)
    client = client_for("sales")
    with django_assert_max_num_queries(12):  # the stays tab adds its list and its totals
        assert client.get(profile.get_absolute_url()).status_code == 200


def _ranks() -> dict[str, int | None]:
    return dict(Profile.objects.values_list("name", "vip_rank"))


def test_the_vip_rank_follows_the_level_however_it_is_written(client_for):
    chairman, frequent = VipLevelFactory(code="VIP1", rank=1), VipLevelFactory(code="VIP3", rank=3)
    ProfileFactory(name="马董事长", vip_level=chairman)
    guest = ProfileFactory(name="王芳")
    Profile.objects.bulk_create([Profile(name="李雷", vip_level=frequent)])
    assert _ranks() == {"马董事长": 1, "王芳": None, "李雷": 3}

    guest.vip_level = frequent
    guest.save()
    Profile.objects.filter(name="李雷").update(vip_level=None)
    assert _ranks() == {"马董事长": 1, "王芳": 3, "李雷": None}

    frequent.rank = 2
    frequent.save()
    assert _ranks() == {"马董事长": 1, "王芳": 2, "李雷": None}


def test_sorting_by_vip_level_puts_the_highest_first_and_guests_without_one_last(client_for):
    chairman, frequent = VipLevelFactory(code="VIP1", rank=1), VipLevelFactory(code="VIP3", rank=3)
    for name, level in (("安娜", None), ("王芳", frequent), ("马董事长", chairman), ("北北", frequent)):
        ProfileFactory(name=name, vip_level=level)
    client = client_for("sales")
    listing = client.get(reverse("clienthistory:profile-list"), {"sort": "vip"}).context["listing"]
    assert [profile.name for profile in listing.page.object_list] == ["马董事长", "北北", "王芳", "安娜"]
    reverse_listing = client.get(reverse("clienthistory:profile-list"), {"sort": "-vip"}).context["listing"]
    assert [profile.name for profile in reverse_listing.page.object_list] == ["安娜", "王芳", "北北", "马董事长"]
