"""A call list (外呼) as the salespeople work through it: each sees their own calls (a manager everyone's), reads the
script for the guest, and records how the call went — the activity is done, and "do not call" opts the number out."""

import pytest
from django.urls import reverse

from clienthistory.models import Activity
from marketing.models import Call, OptOut
from tests.factories import CampaignFactory, ProfileFactory, PromotionFactory, UserFactory, campaign_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(
        channel="call", status="sending", promotion=PromotionFactory(offer="套房升级", offer_code="SUITE26"),
        body_zh="{name}您好，本月{offer}，优惠码{code}。", body_en="Hello {name}: {offer}, code {code}.",
    )  # fmt: skip


def calls_page(client, campaign, **params):
    return client.get(reverse("marketing:campaign-calls", args=[campaign.pk]), params, HTTP_ACCEPT_LANGUAGE="en")


def record(client, call, outcome, **headers):
    url = reverse("marketing:campaign-call-record", args=[call.touch.occasion.split(":")[1], call.pk])
    return client.post(url, {"outcome": outcome, "next": "/elsewhere/"}, HTTP_ACCEPT_LANGUAGE="en", **headers)


def test_a_salesperson_sees_their_own_calls_with_the_script_for_each_guest(cast, client_for, campaign):
    mine = campaign_call(campaign, caller=cast["sales"], guest=ProfileFactory(name="李娜", mobile="13912345678"))
    campaign_call(campaign, caller=cast["manager"])

    page = calls_page(client_for("sales"), campaign)

    assert list(page.context["listing"].page) == [mine]
    assert "李娜您好，本月套房升级，优惠码SUITE26。" in page.text
    assert "13912345678" in page.text
    assert page.text.count('name="outcome" value=') == len(Call.Outcome)


def test_a_manager_sees_every_call_and_picks_a_caller(cast, client_for, campaign):
    mine = campaign_call(campaign, caller=cast["sales"])
    theirs = campaign_call(campaign, caller=cast["manager"])
    client = client_for("manager")

    assert set(calls_page(client, campaign).context["listing"].page) == {mine, theirs}
    assert list(calls_page(client, campaign, caller=cast["sales"].pk).context["listing"].page) == [mine]


def test_recording_an_outcome_marks_the_call_activity_done(cast, client_for, campaign):
    call = campaign_call(campaign, caller=cast["sales"])

    response = record(client_for("sales"), call, "interested")

    call.refresh_from_db()
    activity = Activity.objects.get(pk=call.activity_id)
    assert response.status_code == 302
    assert response["Location"] == reverse("marketing:campaign-calls", args=[campaign.pk])
    assert call.outcome == "interested"
    assert activity.done
    assert not OptOut.objects.exists()


def test_do_not_call_opts_the_number_out(cast, client_for, campaign):
    guest = ProfileFactory(mobile="13912345678", marketing_consent=True)
    call = campaign_call(campaign, caller=cast["sales"], guest=guest)

    record(client_for("sales"), call, "do_not_call")

    opt_out = OptOut.objects.get()
    guest.refresh_from_db()
    assert (opt_out.channel, opt_out.address, opt_out.source) == ("call", "13912345678", "staff")
    assert not guest.marketing_consent
    assert Activity.objects.get(pk=call.activity_id).outcome == "Do not call"


def test_another_salesperson_cannot_record_someone_elses_call_but_a_manager_can(cast, client_for, campaign):
    call = campaign_call(campaign, caller=UserFactory(roles=["sales"]))

    assert record(client_for("sales"), call, "booked").status_code == 403
    assert record(client_for("manager"), call, "booked").status_code == 302
    call.refresh_from_db()
    assert call.outcome == "booked"


def test_an_unknown_outcome_is_refused_and_htmx_gets_the_row_back(cast, client_for, campaign):
    call = campaign_call(campaign, caller=cast["sales"])
    client = client_for("sales")

    assert record(client, call, "maybe").status_code == 400
    row = record(client, call, "call_back", HTTP_HX_REQUEST="true")

    assert row.status_code == 200
    assert row.text.startswith(f'<tr data-testid="call-{call.pk}">')
    assert 'value="call_back" aria-pressed="true"' in row.text
    assert row.text.count('aria-pressed="true"') == 1


def test_only_a_call_list_has_calls(client_for):
    email = CampaignFactory()
    assert client_for("sales").get(reverse("marketing:campaign-calls", args=[email.pk])).status_code == 404


@pytest.mark.parametrize("calls", [2, 20])
def test_the_call_list_keeps_its_query_count(cast, calls, client_for, campaign, django_assert_max_num_queries):
    for _ in range(calls):
        campaign_call(campaign, caller=cast["sales"])
    client = client_for("sales")
    with django_assert_max_num_queries(8):
        page = calls_page(client, campaign)
    assert len(page.context["listing"].page) == calls
