import json

import pytest
from django.urls import reverse

from clienthistory.models import Activity, Preference
from clienthistory.privacy import anonymise_profile
from tests.factories import ActivityFactory, PreferenceFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def test_a_manager_exports_everything_held_about_a_guest(client_for):
    profile = ProfileFactory(name="孙俪", mobile="13700000000")
    PreferenceFactory(profile=profile, text="芒果过敏")
    ActivityFactory(contact=profile, purpose="生日回访")
    response = client_for("manager").get(reverse("clienthistory:profile-privacy-export", args=[profile.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="guest-{profile.pk}.json"'
    data = json.loads(response.content)
    assert data["profile"]["fields"]["name"] == "孙俪"
    assert data["related"]["clienthistory.Preference"][0]["fields"]["text"] == "芒果过敏"
    assert data["related"]["clienthistory.Activity"][0]["fields"]["purpose"] == "生日回访"
    assert data["history"]


def test_anonymising_erases_personal_data_everywhere_but_keeps_the_record(cast):
    profile = ProfileFactory(name="孙俪", mobile="13700000000", email="sl@example.cn", birthday="1982-09-26")
    PreferenceFactory(profile=profile, text="芒果过敏")
    visit = ActivityFactory(contact=profile)
    profile.notes = "住 1808"
    profile.save()

    anonymise_profile(profile=profile, by=cast["manager"])

    profile.refresh_from_db()
    assert profile.name.endswith(f"#{profile.pk}")
    assert (profile.mobile, profile.email, profile.birthday, profile.notes) == ("", "", None, "")
    assert profile.anonymised_at is not None
    assert not Preference.objects.filter(profile=profile).exists()
    assert Activity.objects.get(pk=visit.pk).contact == profile
    for record in profile.history.all():
        assert "孙俪" not in record.name
        assert (record.mobile, record.email, record.notes) == ("", "", "")


def test_anonymising_through_the_page(client_for):
    profile = ProfileFactory(name="孙俪")
    response = client_for("manager").post(reverse("clienthistory:profile-anonymise", args=[profile.pk]))
    assert response["Location"] == profile.get_absolute_url()
    profile.refresh_from_db()
    assert "孙俪" not in profile.name
