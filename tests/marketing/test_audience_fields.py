"""The rules of client segments over what a profile or an account records — VIP level, account type, market segment,
account owner, preferences, marketing consent — for profiles and for accounts, and every rule of a segment together."""

from datetime import date

import pytest

from marketing.audiences.rules import make_rule
from tests.factories import AccountFactory, PreferenceFactory, ProfileFactory, UserFactory, VipLevelFactory
from tests.marketing.segments import picked, stay

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def test_vip_levels_any_of():
    first, second, third = VipLevelFactory(), VipLevelFactory(), VipLevelFactory()
    chairman, director = ProfileFactory(vip_level=first), ProfileFactory(vip_level=second)
    ProfileFactory(vip_level=third)
    ProfileFactory()
    firm = AccountFactory()
    their_director = ProfileFactory(account=firm, vip_level=second)

    assert picked(TODAY, make_rule("vip", any_of=[first, second])) == {chairman, director, their_director}
    assert picked(TODAY, make_rule("vip", any_of=[first])) == {chairman}
    assert picked(TODAY, make_rule("vip", any_of=[second]), members="accounts") == {firm}


def test_account_type_market_segment_and_owner_are_the_accounts_and_a_profiles_through_its_account():
    owner = UserFactory(roles=["sales"])
    agency = AccountFactory(kind="travel_agency", segment="travel_agency", owner=owner)
    ministry = AccountFactory(kind="government", segment="government")
    agent, official = ProfileFactory(account=agency), ProfileFactory(account=ministry)
    ProfileFactory()  # of no account

    assert picked(TODAY, make_rule("account_type", any_of=["travel_agency", "government"])) == {agent, official}
    assert picked(TODAY, make_rule("account_type", any_of=["government"]), members="accounts") == {ministry}
    assert picked(TODAY, make_rule("market_segment", any_of=["travel_agency"])) == {agent}
    assert picked(TODAY, make_rule("market_segment", any_of=["government"]), members="accounts") == {ministry}
    assert picked(TODAY, make_rule("account_owner", any_of=[owner])) == {agent}
    assert picked(TODAY, make_rule("account_owner", any_of=[owner]), members="accounts") == {agency}


def test_a_preference_contains_the_text_in_any_or_one_category():
    allergic = PreferenceFactory(category="allergy", text="花生过敏").profile
    likes_peanuts = PreferenceFactory(category="dietary", text="喜欢花生糖").profile
    PreferenceFactory(category="room", text="高楼层")

    assert picked(TODAY, make_rule("preference", contains="花生")) == {allergic, likes_peanuts}
    assert picked(TODAY, make_rule("preference", category="allergy", contains="花生")) == {allergic}
    assert picked(TODAY, make_rule("preference", contains="%")) == set()  # a wildcard is only a character


def test_consent_yes_or_no_and_an_account_consents_through_one_of_its_contacts():
    agrees, refuses = ProfileFactory(marketing_consent=True), ProfileFactory(marketing_consent=False)
    open_firm, closed_firm = AccountFactory(), AccountFactory()
    their_yes = ProfileFactory(account=open_firm, marketing_consent=True)
    their_no = ProfileFactory(account=open_firm, marketing_consent=False)
    closed_no = ProfileFactory(account=closed_firm, marketing_consent=False)
    yes, no = make_rule("consent", consent="yes"), make_rule("consent", consent="no")

    assert picked(TODAY, yes) == {agrees, their_yes}
    assert picked(TODAY, no) == {refuses, their_no, closed_no}
    assert picked(TODAY, yes, members="accounts") == {open_firm}
    assert picked(TODAY, no, members="accounts") == {closed_firm}


def test_a_member_meets_every_rule_of_the_segment():
    corporate = AccountFactory(segment="corporate")
    lapsed = ProfileFactory(account=corporate, marketing_consent=True)
    no_consent = ProfileFactory(account=corporate, marketing_consent=False)
    recent = ProfileFactory(account=corporate, marketing_consent=True)
    leisure = ProfileFactory(account=AccountFactory(segment="leisure"), marketing_consent=True)
    for guest in (lapsed, no_consent, recent, leisure):
        for month in (1, 3, 5):
            stay(guest, date(2024, month, 1))
    stay(recent, date(2026, 1, 1))
    rules = [
        make_rule("market_segment", any_of=["corporate"]),
        make_rule("stays", at_least=3, months=36),
        make_rule("last_stay", months=12),
        make_rule("consent", consent="yes"),
    ]

    assert picked(TODAY, *rules) == {lapsed}
    assert picked(TODAY, *rules[:3]) == {lapsed, no_consent}
