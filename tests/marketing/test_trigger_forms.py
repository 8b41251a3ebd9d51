"""The trigger form: N within its moment's bounds, the placeholders a trigger's texts may name (no {code}: a trigger
has no offer code), and what each action needs — each a field error on a 400 answer, never a trigger saved."""

import pytest
from django.urls import reverse

from marketing.campaigns.forms import MAX_SMS_CHARACTERS
from marketing.models import Trigger
from tests.factories import AudienceFactory, OfferFactory, TriggerFactory

pytestmark = pytest.mark.django_db


def posted(**changes) -> dict:
    return {
        "name": "生日前一周问候",
        "moment": "birthday",
        "number": "7",
        "audience": "",
        "channel": "email",
        "offer": "",
        "subject_zh": "{name}，生日快乐",
        "subject_en": "Happy birthday, {name}",
        "body_zh": "{name}您好：{hotel}为您备好了蛋糕。",
        "body_en": "Dear {name}, {hotel} has a cake ready for you.",
        "landing_url": "",
        "sms_template": "",
        "task_kind": "call",
        "team": "",
        "cost_per_contact": "0.50",
        "control_share": "10",
        "attribution_days": "30",
        "active": "on",
    } | changes


def create(client, data):
    return client.post(reverse("marketing:trigger-create"), data, HTTP_ACCEPT_LANGUAGE="en")


def test_a_manager_sets_up_a_trigger(cast, client_for):
    offer, segment = OfferFactory(), AudienceFactory()

    response = create(client_for("manager"), posted(audience=segment.pk, offer=offer.pk, body_en="{name}: {offer}."))

    trigger = Trigger.objects.get()
    assert response["Location"] == trigger.get_absolute_url()
    assert (trigger.owner, trigger.moment, trigger.number, trigger.audience, trigger.offer, trigger.active) == (
        cast["manager"], "birthday", 7, segment, offer, True
    )  # fmt: skip


@pytest.mark.parametrize("offers", [1, 10])
def test_the_form_shows_what_n_counts_for_each_moment(offers, client_for, django_assert_max_num_queries):
    OfferFactory.create_batch(offers)
    AudienceFactory.create_batch(offers)
    client = client_for("manager")

    with django_assert_max_num_queries(6):
        response = client.get(reverse("marketing:trigger-create"), HTTP_ACCEPT_LANGUAGE="en")

    assert response.context["form"]["number"].value() == 7
    assert 'data-moment="lapsed_guest"' in response.text
    assert "months (1–120)" in response.text
    assert "No N: fired as it happens" in response.text
    assert "<code>{code}</code>" not in response.text


@pytest.mark.parametrize(
    ("moment", "number", "error"),
    [
        ("birthday", "61", "For “Birthday in N days”, N counts days: from 0 to 60."),
        ("stay_milestone", "1", "For “The guest's Nth stay”, N counts stays: from 2 to 500."),
        ("lapsed_guest", "", "Enter N: months, from 1 to 120."),
    ],
)
def test_n_must_lie_within_its_moments_bounds(moment, number, error, client_for):
    response = create(client_for("manager"), posted(moment=moment, number=number))

    assert response.status_code == 400
    assert response.context["form"].errors["number"] == [error]
    assert not Trigger.objects.exists()


def test_a_moment_reported_as_it_happens_keeps_no_n(client_for):
    create(client_for("manager"), posted(moment="wifi_sign_in", number="9"))

    assert Trigger.objects.get().number == 0


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"body_zh": "{name}：{gift}"}, "body_zh",
         "Unknown placeholder {gift}: use {name}、{offer}、{code}、{link}、{hotel}."),
        ({"body_en": "Quote {code}"}, "body_en",
         "A trigger has no offer code for {code}: leave it out, and name the offer with {offer}."),
        ({"body_en": "Dear {name}: {offer}"}, "offer", "The message uses {offer}: choose the offer it names."),
        ({"body_en": "See {link}"}, "landing_url", "The message uses {link}: enter the address it leads to."),
        ({"subject_en": " "}, "subject_en", "An email needs a subject in each language."),
        ({"channel": "sms"}, "sms_template", "A text message needs the code of its template approved by the gateway."),
        ({"channel": "sms", "sms_template": "SMS_1", "body_zh": "字" * (MAX_SMS_CHARACTERS + 1)}, "body_zh",
         f"A text message has at most {MAX_SMS_CHARACTERS} characters; this one has {MAX_SMS_CHARACTERS + 1}."),
        ({"channel": "task", "task_kind": ""}, "task_kind", "Choose what sales are asked to do."),
    ],
)  # fmt: skip
def test_each_action_gets_what_it_needs(changes, field, error, client_for):
    response = create(client_for("manager"), posted(**changes))

    assert response.status_code == 400
    assert error in response.context["form"].errors[field]
    assert not Trigger.objects.exists()


def test_a_text_message_or_a_task_needs_no_subject(client_for):
    client = client_for("manager")
    create(client, posted(channel="sms", sms_template="SMS_BIRTHDAY", subject_zh="", subject_en=""))
    create(client, posted(channel="task", task_kind="visit", team="sales", subject_zh="", subject_en=""))

    assert sorted(Trigger.objects.values_list("channel", "task_kind")) == [("sms", "call"), ("task", "visit")]


def test_editing_keeps_an_offer_since_switched_off(client_for):
    offer = OfferFactory(active=False)
    trigger = TriggerFactory(offer=offer, body_en="Dear {name}: {offer}")
    OfferFactory(active=False, name_en="Retired spa")
    edit = reverse("marketing:trigger-edit", args=[trigger.pk])
    client = client_for("manager")

    form = client.get(edit, HTTP_ACCEPT_LANGUAGE="en").context["form"]
    response = client.post(edit, posted(name="生日问候", offer=offer.pk, body_en="Dear {name}: {offer}"))

    assert list(form.fields["offer"].queryset) == [offer]
    assert response.status_code == 302
    trigger.refresh_from_db()
    assert (trigger.name, trigger.offer) == ("生日问候", offer)
