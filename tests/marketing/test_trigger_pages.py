"""The triggers' pages: the list with each trigger's moment in words and what it brought, a trigger's page with who a
run would reach today and why and its latest touches, and switching a trigger on and off — with flat query counts."""

from datetime import timedelta

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from marketing.models import Touch, Trigger
from marketing.triggers.running import run
from tests.factories import AudienceFactory, OfferFactory, ProfileFactory, TriggerFactory

pytestmark = pytest.mark.django_db


def birthday_in(days: int):
    """A birthday `days` from today, 28 years ago (a leap year stays one)."""
    day = timezone.localdate() + timedelta(days=days)
    return day.replace(year=day.year - 28)


def guests(n: int, **fields):
    return ProfileFactory.create_batch(n, **{"birthday": birthday_in(7), "marketing_consent": True, **fields})


def page(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response, lxml.html.fromstring(response.content.decode())


def cell(document, row: str, name: str) -> str:
    found = document.xpath(f"//tr[@data-trigger='{row}']//*[@data-cell='{name}']")[0]
    return " ".join(found.text_content().split())


def test_the_list_says_each_triggers_moment_action_and_figures_active_first(client_for):
    off = TriggerFactory(name="A 已停用", active=False)
    offer = OfferFactory(name_en="Birthday cake")
    segment = AudienceFactory(name="常客")
    birthday = TriggerFactory(name="Z 生日", number=7, offer=offer, audience=None, control_share=0,
                              body_zh="{name}：{offer}", body_en="{name}: {offer}")  # fmt: skip
    call = TriggerFactory(name="M 回访", moment="after_check_out", number=1, channel="task", task_kind="call",
                          audience=segment)  # fmt: skip
    guests(3)
    run(birthday)

    response, document = page(client_for("sales"), reverse("marketing:trigger-list"))

    assert [row.get("data-trigger") for row in document.xpath("//tbody/tr")] == [
        str(call.pk), str(birthday.pk), str(off.pk)
    ]  # fmt: skip
    assert cell(document, birthday.pk, "moment") == "7 days before the birthday"
    assert cell(document, birthday.pk, "action") == "Email"
    assert cell(document, birthday.pk, "segment") == "Everyone the moment finds"
    assert cell(document, birthday.pk, "offer") == "Birthday cake"
    assert (cell(document, birthday.pk, "contacted"), cell(document, birthday.pk, "control")) == ("3", "0")
    assert cell(document, birthday.pk, "uplift") == "There is no control group to compare with."
    assert cell(document, birthday.pk, "complaint-rate") == "0.0"
    assert cell(document, call.pk, "moment") == "1 day after check-out"
    assert cell(document, call.pk, "action") == "Call for the account owner"
    assert cell(document, call.pk, "segment") == "常客"
    assert cell(document, off.pk, "active") == "No"
    assert "New trigger" not in response.text


@pytest.mark.parametrize("triggers", [1, 6])
def test_the_list_keeps_its_query_count(triggers, client_for, django_assert_max_num_queries):
    guests(3)
    for trigger in TriggerFactory.create_batch(triggers, audience=AudienceFactory(rules=[]), offer=OfferFactory()):
        run(trigger)
    client = client_for("manager")

    with django_assert_max_num_queries(9):
        response = client.get(reverse("marketing:trigger-list"))

    assert len(response.context["rows"]) == triggers


def test_the_page_lists_who_a_run_would_reach_today_and_why(client_for, django_assert_max_num_queries):
    due = guests(2)
    refused = ProfileFactory(name="没同意", birthday=birthday_in(5), marketing_consent=False)
    ProfileFactory(birthday=birthday_in(20), marketing_consent=True)  # not yet
    trigger = TriggerFactory(control_share=0)
    client = client_for("sales")

    with django_assert_max_num_queries(21):
        response, document = page(client, trigger.get_absolute_url())

    rows = [" | ".join(" ".join(td.text_content().split()) for td in row) for row in
            document.xpath("//*[@data-testid='dry-run-table']//tbody/tr")]  # fmt: skip
    on = (timezone.localdate() + timedelta(days=7)).isoformat()
    assert f"{due[0].name} | Birthday on {on} | Waiting to be sent" in rows
    on = (timezone.localdate() + timedelta(days=5)).isoformat()
    assert f"没同意 | Birthday on {on} | Held back by a contact rule (No marketing consent)" in rows
    assert len(rows) == 3
    assert reverse("clienthistory:profile-detail", args=[refused.pk]) in response.text
    assert "3 guests are due today" in response.text
    assert 'data-testid="switch"' not in response.text
    assert not Touch.objects.exists()  # the dry run writes nothing


@pytest.mark.parametrize("touched", [2, 12])
def test_the_page_shows_the_latest_touches_and_a_managers_buttons(touched, client_for, django_assert_max_num_queries):
    guests(touched)
    trigger = TriggerFactory(control_share=0, audience=AudienceFactory(rules=[]))
    run(trigger)
    guests(touched)  # due today too, and not touched yet
    trigger.channel, trigger.sms_template = "sms", "SMS_BIRTHDAY"  # no text message goes out in the quiet hours
    trigger.save()
    client = client_for("manager")

    with django_assert_max_num_queries(21):
        response, document = page(client, trigger.get_absolute_url())

    assert len(document.xpath("//*[@data-testid='touch-table']//tbody/tr")) == touched
    assert len(document.xpath("//*[@data-testid='dry-run-table']//tbody/tr")) == touched
    assert reverse("marketing:trigger-edit", args=[trigger.pk]) in response.text
    assert document.xpath("//*[@data-testid='switch']//input[@name='active']/@value") == ["0"]
    body = document.xpath("//*[@data-testid='preview-en']//p[contains(@class, 'message-text')]")[0].text_content()
    assert body.endswith("has a cake ready for your birthday. Reply TD to opt out")


def test_a_moment_reported_as_it_happens_has_no_dry_run(client_for):
    trigger = TriggerFactory(moment="wifi_sign_in", number=0)

    response, _document = page(client_for("sales"), trigger.get_absolute_url())

    assert "no run looks for it" in response.text
    assert response.context["moment"] == "Signs in to the guest Wi-Fi"


def test_a_manager_switches_a_trigger_off_and_on(client_for):
    trigger = TriggerFactory()
    client = client_for("manager")
    switch = reverse("marketing:trigger-active", args=[trigger.pk])

    assert client.post(switch, {"active": "0"})["Location"] == trigger.get_absolute_url()
    client.post(switch, {"active": "0"})  # a second click leaves it off
    assert Trigger.objects.get().active is False
    client.post(switch, {"active": "1"})
    assert Trigger.objects.get().active is True
    assert client.post(switch, {"active": "maybe"}).status_code == 400
    assert Trigger.objects.get().active is True
    assert trigger.history.count() == 4  # created, off, off again, on
