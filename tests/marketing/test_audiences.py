"""A client segment's rules are checked on the model as the builder checks them: a bad rule is an error of the
rules field, never a server error; good rules are kept as the builder writes them; each rule reads in words."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from marketing.audiences.rules import make_rule, words
from marketing.models import Audience
from tests.factories import UserFactory, VipLevelFactory

pytestmark = pytest.mark.django_db

STAYS = {"kind": "stays", "at_least": 3, "months": 12}


def checked(rules) -> Audience:
    audience = Audience(name="常客", members="profiles", rules=rules, owner=UserFactory(roles=["sales"]))
    audience.full_clean()
    return audience


@pytest.mark.parametrize(
    ("rules", "said"),
    [
        ({"kind": "stays"}, "must be a list"),
        ([STAYS] * 21, "at most 20 rules"),
        ([{"kind": "horoscope"}], "Rule 1 is of no known kind"),
        (["stays"], "Rule 1 is of no known kind"),
        ([STAYS, {**STAYS, "colour": "red"}], "Rule 2 has unknown parameters: colour"),
        ([{"kind": "birthday", "days": 367}], "Rule 1: Within the next days: Ensure this value is less than"),
        ([{"kind": "birthday", "days": -1}], "greater than or equal to 0"),
        ([{"kind": "last_stay", "months": 121}], "less than or equal to 120"),
        ([{"kind": "stays", "at_least": 1, "first": "1999-12-31", "last": "2000-06-30"}], "Enter a date from"),
        ([{"kind": "stays", "at_least": 1, "first": "2100-01-01", "last": "2101-01-01"}], "Enter a date from"),
        ([{"kind": "stays", "at_least": 1, "first": "2010-01-01", "last": "2020-01-01"}], "at most 10 years"),
        ([{"kind": "stays", "at_least": 1, "first": "2020-02-01", "last": "2020-01-01"}], "end cannot be before"),
        ([{"kind": "stays", "at_least": 1}], "Give the last months, or both dates"),
        ([{**STAYS, "first": "2020-01-01"}], "not both"),
        ([{"kind": "spend", "on": "rooms", "at_least": "-1", "months": 12}], "greater than or equal to 0"),
        ([{"kind": "spend", "on": "rooms", "at_least": "10000000000", "months": 12}], "less than or equal to"),
        ([{"kind": "spend", "on": "spa", "at_least": "1", "months": 12}], "Select a valid choice"),
        ([{"kind": "vip", "any_of": [99999]}], "Select a valid choice"),
        ([{"kind": "market_segment", "any_of": "corporate"}], "Enter a list of values"),
        ([{"kind": "preference", "contains": "x" * 101}], "at most 100 characters"),
        ([{"kind": "stays", "at_least": "three", "months": 12}], "Enter a whole number"),
    ],
)
def test_a_bad_rule_is_an_error_of_the_rules_field(rules, said):
    with pytest.raises(ValidationError) as refusal:
        checked(rules)

    assert list(refusal.value.message_dict) == ["rules"]
    assert any(said in message for message in refusal.value.message_dict["rules"]), refusal.value.message_dict


def test_good_rules_are_kept_as_the_builder_writes_them():
    levels = [VipLevelFactory(), VipLevelFactory()]
    audience = checked(
        [
            {"kind": "stays", "at_least": "3", "months": "12"},
            {"kind": "vip", "any_of": [str(levels[1].pk), str(levels[0].pk)]},
            {"kind": "spend", "on": "total", "at_least": "5000", "first": "2025-01-01", "last": "2025-12-31"},
        ]
    )

    assert audience.rules == [
        STAYS,
        {"kind": "vip", "any_of": sorted(level.pk for level in levels)},
        {"kind": "spend", "on": "total", "at_least": "5000", "first": "2025-01-01", "last": "2025-12-31"},
    ]
    assert make_rule("stays", at_least=3, months=12) == STAYS


def test_the_database_keeps_rules_as_a_list_and_members_of_a_known_kind():
    owner = UserFactory()
    with pytest.raises(IntegrityError):
        Audience.objects.create(name="x", rules={"kind": "stays"}, owner=owner)


def test_the_database_refuses_an_unknown_kind_of_members():
    with pytest.raises(IntegrityError):
        Audience.objects.create(name="x", members="rooms", rules=[], owner=UserFactory())


def test_each_rule_reads_in_words():
    level = VipLevelFactory(code="VIP1", name_en="Chairman")
    owner = UserFactory(first_name="Wang Fang", roles=["sales"])
    rules = [
        make_rule("birthday", days=30),
        make_rule("last_stay", months=18),
        make_rule("stays", at_least=3, first=date(2025, 1, 1), last=date(2025, 12, 31)),
        make_rule("spend", on="fnb", at_least="5000", months=12),
        make_rule("event", what="wedding", months=60),
        make_rule("vip", any_of=[level]),
        make_rule("account_owner", any_of=[owner]),
        make_rule("preference", category="dietary", contains="素食"),
        make_rule("consent", consent="no"),
    ]

    assert words(rules, date(2026, 12, 7)) == [
        "Birthday within 30 days",
        "Last stay before 06/07/2025 (lapsed 18 months)",
        "Stayed at least 3 times from 01/01/2025 to 12/31/2025",
        "Spent at least CN¥5,000.00 on food and beverage in the last 12 months",
        "Held a wedding here in the last 60 months",
        "VIP level: VIP1 Chairman",
        "Account owner: Wang Fang",
        "Dietary preference contains “素食”",
        "Does not agree to marketing",
    ]
