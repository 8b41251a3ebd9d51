"""The segment builder: sales save a segment of rows of rules (a bad row answers 400 with its field errors); a row
changes its parameter fields with its kind, and rows are added after the others; the live count and preview
answer the rules as they stand, unsaved."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from marketing.models import Audience
from tests.factories import AudienceFactory, ProfileFactory
from tests.marketing.segments import stay

pytestmark = pytest.mark.django_db

PREVIEW = reverse("marketing:audience-preview")


def builder(rules: list[dict], **fields) -> dict:
    """The builder's fields as the browser sends them: the segment, then a row per rule."""
    data = {
        "name": "近一年常客", "description": "", "members": "profiles",
        "rules-TOTAL_FORMS": str(len(rules)), "rules-INITIAL_FORMS": "0",
        "rules-MIN_NUM_FORMS": "0", "rules-MAX_NUM_FORMS": "20",
    }  # fmt: skip
    for index, rule in enumerate(rules):
        data |= {f"rules-{index}-{name}": value for name, value in rule.items()}
    return data | fields


def test_sales_build_a_segment_of_two_rules_and_its_history_says_who(cast, client_for):
    data = builder(
        [{"kind": "stays", "at_least": "3", "months": "12"}, {"kind": "consent", "consent": "yes"}],
        owner=cast["sales"].pk,
    )
    response = client_for("sales").post(reverse("marketing:audience-create"), data)

    audience = Audience.objects.get()
    assert response.status_code == 302
    assert response["Location"] == audience.get_absolute_url()
    assert audience.rules == [{"kind": "stays", "at_least": 3, "months": 12}, {"kind": "consent", "consent": "yes"}]
    assert audience.history.get().history_user == cast["sales"]


def test_a_row_marked_for_removal_is_not_saved(cast, client_for):
    audience = AudienceFactory()
    data = builder(
        [{"kind": "birthday", "days": "30"}, {"kind": "birthday", "days": "999", "DELETE": "on"}],
        owner=cast["sales"].pk,
    )
    response = client_for("manager").post(reverse("marketing:audience-edit", args=[audience.pk]), data)

    audience.refresh_from_db()
    assert response.status_code == 302
    assert audience.rules == [{"kind": "birthday", "days": 30}]


def test_a_rule_gone_stale_is_replaced_by_the_rows_sent(cast, client_for):
    audience = AudienceFactory()
    Audience.objects.filter(pk=audience.pk).update(rules=[{"kind": "vip", "any_of": [999999]}])  # a level deleted
    data = builder([{"kind": "birthday", "days": "7"}], owner=audience.owner.pk)

    response = client_for("sales").post(reverse("marketing:audience-edit", args=[audience.pk]), data)

    audience.refresh_from_db()
    assert response.status_code == 302
    assert audience.rules == [{"kind": "birthday", "days": 7}]


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({"kind": "birthday", "days": "400"}, "days"),
        ({"kind": "last_stay", "months": "12", "before": "2020-01-01"}, "months"),
        ({"kind": "stays", "at_least": "1", "first": "1999-01-01", "last": "2000-01-01"}, "first"),
        ({"kind": "spend", "on": "rooms", "at_least": "1e309", "months": "12"}, "at_least"),
        ({"kind": "vip", "any_of": "abc"}, "any_of"),
    ],
)
def test_a_bad_row_answers_with_its_field_errors(cast, client_for, rule, field):
    data = builder([{"kind": "consent", "consent": "yes"}, rule], owner=cast["sales"].pk)
    response = client_for("sales").post(reverse("marketing:audience-create"), data)

    assert response.status_code == 400
    assert field in response.context["builder"].forms[1].errors
    assert not Audience.objects.exists()


def test_a_post_of_more_than_twenty_rows_is_refused(cast, client_for):
    data = builder([{"kind": "birthday", "days": "30"}] * 21, owner=cast["sales"].pk)
    response = client_for("sales").post(reverse("marketing:audience-create"), data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "Please submit at most 20 forms." in response.context["builder"].non_form_errors()


def test_the_edit_page_shows_each_saved_rule_as_a_row(client_for):
    audience = AudienceFactory()
    builder_rows = client_for("sales").get(reverse("marketing:audience-edit", args=[audience.pk])).context["builder"]

    assert [row["kind"].value() for row in builder_rows] == ["stays", "consent"]
    assert builder_rows.forms[0]["first"].value() == "2025-01-01"


def test_changing_a_rows_kind_gives_that_kinds_fields(client_for):
    response = client_for("sales").get(reverse("marketing:audience-rule-fields"), {"rules-3-kind": "birthday"})

    assert 'name="rules-3-days"' in response.text
    assert 'value="30"' in response.text  # the suggested number of days
    assert "rules-3-at_least" not in response.text
    assert response["HX-Trigger-After-Settle"] == "rules-changed"


def test_a_row_is_added_after_the_others_with_the_forms_new_row_count(client_for):
    response = client_for("sales").get(
        reverse("marketing:audience-rule-row"), {"rules-TOTAL_FORMS": "2", "kind": "preference"}
    )

    assert 'name="rules-2-contains"' in response.text
    assert 'name="rules-2-DELETE"' in response.text
    assert 'name="rules-TOTAL_FORMS" value="3"' in response.text
    full = client_for("sales").get(
        reverse("marketing:audience-rule-row"), {"rules-TOTAL_FORMS": "20"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "rules-20-" not in full.text
    assert "at most 20 rules" in full.text


def test_the_preview_counts_the_unsaved_rules_and_shows_the_first_members(client_for):
    today = timezone.localdate()
    regular = ProfileFactory(name="常客甲", marketing_consent=True)
    for days in (10, 40):
        stay(regular, today - timedelta(days=days))
    stay(ProfileFactory(), today - timedelta(days=10))

    response = client_for("sales").get(PREVIEW, builder([{"kind": "stays", "at_least": "2", "months": "12"}]))

    assert response.context["preview"].count == 1
    assert [member.name for member in response.context["preview"].first] == ["常客甲"]
    assert response.context["preview"].first[0].last_stay == today - timedelta(days=10)
    assert not Audience.objects.exists()


def test_the_preview_says_what_keeps_the_rules_from_counting(client_for):
    response = client_for("sales").get(
        PREVIEW,
        builder([{"kind": "consent", "consent": "yes"}, {"kind": "spend", "on": "rooms", "months": "12"}]),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.context["preview"] is None
    assert response.context["problems"] == ["Rule 2: At least (amount): This field is required."]
