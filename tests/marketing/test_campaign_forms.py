"""The campaign form: what each channel needs, the placeholders a text may name, the quiet hours, the letters' limit,
and a time to come — each a field error on a 400 answer, never a campaign saved."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clienthistory.models import Profile
from marketing.campaigns.forms import MAX_CALLS, MAX_LETTERS, MAX_SMS_CHARACTERS
from marketing.models import Campaign
from tests.factories import AudienceFactory, CampaignFactory, PromotionFactory, UserFactory

pytestmark = pytest.mark.django_db


def tomorrow_at(hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(hour)))


@pytest.fixture
def terms():
    """A promotion with an offer code and a segment of everyone (no rules)."""
    return {"promotion": PromotionFactory(offer_code="MOON26"), "audience": AudienceFactory(rules=[])}


def posted(terms, **changes) -> dict:
    return {
        "name": "中秋家宴邮件",
        "promotion": terms["promotion"].pk,
        "audience": terms["audience"].pk,
        "channel": "email",
        "send_at": tomorrow_at(10).strftime("%Y-%m-%dT%H:%M"),
        "subject_zh": "{name}，中秋家宴礼遇",
        "subject_en": "A Mid-Autumn dinner, {name}",
        "body_zh": "尊敬的{name}：{offer}，优惠码{code}。",
        "body_en": "Dear {name}, {offer}. Quote {code}.",
        "landing_url": "",
        "sms_template": "",
        "cost_per_contact": "0.50",
        "fixed_cost": "800",
        "control_share": "10",
        "attribution_days": "30",
        "converts_on": "booking",
    } | changes


def create(client, data):
    return client.post(reverse("marketing:campaign-create"), data, HTTP_ACCEPT_LANGUAGE="en")


def test_sales_draft_a_campaign_of_their_own(cast, client_for, terms):
    response = create(client_for("sales"), posted(terms))

    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == campaign.get_absolute_url()
    assert (campaign.owner, campaign.status, campaign.send_at) == (cast["sales"], "draft", tomorrow_at(10))


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"body_zh": "尊敬的{guest}：{offer}"}, "body_zh", "Unknown placeholder {guest}"),
        ({"subject_en": "Hello {Name}"}, "subject_en", "Unknown placeholder {Name}"),
        ({"subject_en": ""}, "subject_en", "An email needs a subject in each language."),
        ({"body_en": "Follow {link}"}, "landing_url", "The message uses {link}"),
        ({"landing_url": "javascript:alert(1)"}, "landing_url", "Enter a valid URL."),
        ({"send_at": "2020-01-01T10:00"}, "send_at", "Enter a date from"),
        ({"control_share": "80"}, "control_share", "less than or equal to 50"),
        ({"channel": "sms"}, "sms_template", "template approved by the gateway"),
        ({"channel": "call"}, "callers", "at least one salesperson"),
    ],
)
def test_a_bad_campaign_answers_with_its_field_error(client_for, terms, changes, field, words):
    response = create(client_for("sales"), posted(terms, **changes))

    assert response.status_code == 400
    assert any(words in error for error in response.context["form"].errors[field])
    assert not Campaign.objects.exists()


def test_a_time_gone_by_today_is_refused(client_for, terms):
    an_hour_ago = timezone.localtime() - timedelta(hours=1)
    response = create(client_for("sales"), posted(terms, send_at=an_hour_ago.strftime("%Y-%m-%dT%H:%M")))
    assert response.context["form"].errors["send_at"] == ["This time has passed: choose one to come."]


def test_a_text_message_has_at_most_300_characters(client_for, terms):
    data = posted(terms, channel="sms", sms_template="SMS_1234", body_zh="好" * (MAX_SMS_CHARACTERS + 1))
    errors = create(client_for("sales"), data).context["form"].errors
    assert errors["body_zh"] == [f"A text message has at most 300 characters; this one has {MAX_SMS_CHARACTERS + 1}."]
    assert "body_en" not in errors


@pytest.mark.parametrize(("channel", "refused"), [("sms", True), ("call", True), ("email", False), ("letter", False)])
def test_text_messages_and_calls_are_not_scheduled_in_the_quiet_hours(cast, client_for, terms, channel, refused):
    data = posted(terms, channel=channel, sms_template="SMS_1234", callers=[cast["sales"].pk],
                  send_at=tomorrow_at(22).strftime("%Y-%m-%dT%H:%M"))  # fmt: skip
    response = create(client_for("sales"), data)
    if refused:
        assert response.context["form"].errors["send_at"] == [
            "No text message or call goes out in the quiet hours, 21:00–09:00: choose another time."
        ]
    else:
        assert response.status_code == 302


def test_code_needs_the_promotions_offer_code(client_for, terms):
    terms["promotion"] = PromotionFactory(offer_code="")
    errors = create(client_for("sales"), posted(terms)).context["form"].errors
    assert set(errors) == {"body_zh", "body_en"}
    assert errors["body_zh"][0].startswith(f"The promotion {terms['promotion'].name} has no offer code for {{code}}")


def test_a_letter_campaign_reaches_at_most_500_members(client_for, terms):
    Profile.objects.bulk_create(Profile(name=f"宾客{n}") for n in range(MAX_LETTERS))
    client = client_for("sales")
    assert create(client, posted(terms, channel="letter")).status_code == 302

    Profile.objects.create(name="又一位宾客")
    errors = create(client, posted(terms, channel="letter")).context["form"].errors
    assert errors["audience"] == ["A letter campaign prints at most 500 letters, and this segment has 501 members."]


def test_a_call_list_holds_at_most_500_calls(client_for, terms, cast):
    Profile.objects.bulk_create(Profile(name=f"宾客{n}") for n in range(MAX_CALLS + 1))
    call_list = posted(terms, channel="call", callers=[cast["sales"].pk])
    errors = create(client_for("sales"), call_list).context["form"].errors
    assert errors["audience"] == ["A call list holds at most 500 calls, and this segment has 501 members."]


def test_callers_are_the_active_staff_who_sell_and_only_a_call_list_keeps_them(cast, client_for, terms):
    gone = UserFactory(username="gone", roles=["sales"], is_active=False)
    form = client_for("sales").get(reverse("marketing:campaign-create")).context["form"]
    callers = set(form.fields["callers"].queryset)
    assert {cast["sales"], cast["manager"]} <= callers
    assert not callers & {gone, cast["front_desk"], cast["receivables"]}

    create(client_for("sales"), posted(terms, callers=[cast["sales"].pk]))
    assert not Campaign.objects.get().callers.exists()
    refused = create(client_for("sales"), posted(terms, channel="call", callers=[gone.pk]))
    assert "callers" in refused.context["form"].errors


def test_the_form_names_the_placeholders_and_takes_the_promotion_or_segment_from_the_address(client_for, terms):
    client = client_for("sales")
    page = client.get(reverse("marketing:campaign-create"), {"promotion": terms["promotion"].pk, "audience": "x"})
    assert page.context["form"]["promotion"].value() == terms["promotion"].pk
    assert page.context["form"]["audience"].value() is None
    assert all(f"<code>{{{name}}}</code>" in page.text for name in ("name", "offer", "code", "link", "hotel"))
    by_segment = client.get(reverse("marketing:campaign-create"), {"audience": terms["audience"].pk})
    assert by_segment.context["form"]["audience"].value() == terms["audience"].pk


def test_a_campaign_is_changed_only_until_it_is_approved(client_for, terms):
    campaign = CampaignFactory(status="approved")
    client = client_for("sales")
    response = client.get(reverse("marketing:campaign-edit", args=[campaign.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    changed = client.post(reverse("marketing:campaign-edit", args=[campaign.pk]), posted(terms, name="改过"))
    assert changed.status_code == 302
    campaign.refresh_from_db()
    assert campaign.name != "改过"


def test_editing_a_draft_keeps_the_reviewers_note(client_for, terms):
    campaign = CampaignFactory(review_note="请写明优惠码", promotion=terms["promotion"], audience=terms["audience"])
    response = client_for("sales").post(reverse("marketing:campaign-edit", args=[campaign.pk]), posted(terms))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.name, campaign.review_note, campaign.status) == ("中秋家宴邮件", "请写明优惠码", "draft")
