import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from clienthistory.models import Account, Preference, Profile, VipLevel
from marketing.models import Lead
from receivables.models import Invoice
from tests.helpers import last_analyzed


@pytest.mark.django_db
def test_demo_data_loads_once(demo, capsys):
    assert "Demo data loaded at scale 1" in demo.output
    counts = (User.objects.count(), Account.objects.count(), Profile.objects.count())
    # 500 guests, 500 who have not come back for years (the campaigns'), and the triggers' guests and accounts
    assert counts[1:] == (60 + demo.counts["trigger accounts"], 1000 + demo.counts["trigger guests"])
    assert set(Account.objects.values_list("kind", flat=True)) == {
        "company", "travel_agency", "government", "association", "private",
    }  # fmt: skip
    assert VipLevel.objects.count() == 3
    assert Preference.objects.filter(category="allergy").exists()
    assert User.objects.get(username="manager").check_password("hotel-demo-2026")

    call_command("seed_demo")
    assert (User.objects.count(), Account.objects.count(), Profile.objects.count()) == counts
    assert "already holds data" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_demo_leaves_its_tables_analysed(demo):
    assert last_analyzed(Invoice) is not None
    assert last_analyzed(Lead) is not None
