"""The segments' pages: the list and its counts, a segment's page with its rules in words and its first members,
their query counts whatever the members, and the members' export (written by a worker when long)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hotelsales.exports import write_export
from hotelsales.models import Export
from marketing.audiences.rules import make_rule
from tests.factories import AccountFactory, AudienceFactory, ProfileFactory, VipLevelFactory
from tests.helpers import xlsx_rows
from tests.marketing.segments import stay

pytestmark = pytest.mark.django_db


def guests(number: int) -> list:
    """`number` VIP guests of as many accounts, each with a stay last week."""
    level, last_week = VipLevelFactory(), timezone.localdate() - timedelta(days=7)
    people = [ProfileFactory(account=AccountFactory(), vip_level=level) for _ in range(number)]
    for guest in people:
        stay(guest, last_week)
    return people


def every_guest(**fields):
    return AudienceFactory(rules=[make_rule("stays", at_least=1, months=1)], **fields)


@pytest.mark.parametrize("segments", [2, 12])
def test_the_list_keeps_its_query_count_and_each_row_asks_for_its_count(
    segments, client_for, django_assert_max_num_queries
):
    AudienceFactory.create_batch(segments)
    client = client_for("sales")
    with django_assert_max_num_queries(7):
        page = client.get(reverse("marketing:audience-list"))
    assert page.text.count('data-testid="audience-count"') == segments


def test_a_segments_count_is_its_members_today(client_for):
    guests(3)
    audience = every_guest()
    assert client_for("manager").get(reverse("marketing:audience-count", args=[audience.pk])).text.strip() == "3"


@pytest.mark.parametrize("members", [2, 30])
def test_the_page_and_the_preview_keep_their_query_counts_whatever_the_members(
    members, client_for, django_assert_max_num_queries
):
    guests(members)
    audience = every_guest()
    client = client_for("sales")
    with django_assert_max_num_queries(9):
        page = client.get(audience.get_absolute_url())
    assert page.context["preview"].count == members
    assert len(page.context["preview"].first) == min(members, 20)
    preview = {"members": "profiles", "rules-TOTAL_FORMS": "1", "rules-INITIAL_FORMS": "0", "rules-0-kind": "vip",
               "rules-0-any_of": str(VipLevelFactory._meta.model.objects.get().pk)}  # fmt: skip
    with django_assert_max_num_queries(7):
        answer = client.get(reverse("marketing:audience-preview"), preview)
    assert answer.context["preview"].count == members


def test_the_page_says_the_rules_in_words_and_the_history_says_how_they_changed(client_for):
    audience = AudienceFactory(rules=[make_rule("birthday", days=30)])
    client = client_for("sales")
    client.post(
        reverse("marketing:audience-edit", args=[audience.pk]),
        {"name": audience.name, "description": "", "members": "profiles", "owner": audience.owner.pk,
         "rules-TOTAL_FORMS": "1", "rules-INITIAL_FORMS": "1", "rules-0-kind": "last_stay", "rules-0-months": "18"},
    )  # fmt: skip

    page = client.get(audience.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")

    assert page.context["rules"][0].startswith("Last stay before ")
    assert page.context["rules"][0].endswith(" (lapsed 18 months)")
    [change] = page.context["history"][0].changes
    assert (change.field, change.old) == ("rules", "Birthday within 30 days")
    assert change.new == page.context["rules"][0]


def test_the_export_lists_every_member_with_its_last_stay(client_for):
    people = guests(2)
    audience = every_guest()

    response = client_for("sales").get(
        reverse("marketing:audience-export", args=[audience.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )

    rows = xlsx_rows(b"".join(response.streaming_content))
    assert rows[0] == ["Name", "Account", "Mobile", "Email", "VIP level", "Birthday", "Anniversary", "Language",
                       "Agrees to marketing", "Last stay"]  # fmt: skip
    assert sorted(row[0] for row in rows[1:]) == sorted(guest.name for guest in people)
    assert {row[-1].date() for row in rows[1:]} == {timezone.localdate() - timedelta(days=7)}


def test_an_accounts_export_lists_the_accounts(client_for):
    firm = AccountFactory(name="华为技术有限公司", segment="mice")
    AccountFactory(segment="corporate")
    audience = AudienceFactory(members="accounts", rules=[make_rule("market_segment", any_of=["mice"])])

    response = client_for("manager").get(reverse("marketing:audience-export", args=[audience.pk]), {"format": "csv"},
                                         HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip

    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "Name,Type,Market segment,Owner,Phone,Email,Last stay"
    assert [line.split(",")[0] for line in lines[1:]] == [firm.name]


def test_a_long_export_is_written_by_a_worker_for_the_same_segment(
    client_for, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_ROWS = 2
    guests(3)
    audience = every_guest()
    with django_capture_on_commit_callbacks():
        response = client_for("sales").get(reverse("marketing:audience-export", args=[audience.pk]))

    export = Export.objects.get()
    assert response["Location"] == reverse("hotelsales:exports")
    assert export.query == f"segment={audience.pk}"
    write_export(export.pk)
    export.refresh_from_db()
    assert (export.state, len(xlsx_rows(bytes(export.content)))) == ("ready", 4)


def test_the_front_desk_and_receivables_may_not_preview_a_segment(client_for):
    # The role table (tests/access.py) checks every page of segments for every role.
    for role in ("front_desk", "receivables"):
        assert client_for(role).get(reverse("marketing:audience-preview")).status_code == 403
