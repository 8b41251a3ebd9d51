import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clienthistory.filters import StaffFilter
from clienthistory.staff import StaffMultipleChoiceField, staff_who_sell
from hotelsales.forms import NearDateTimeField, StripsBidiControls
from marketing.campaigns.messages import PLACEHOLDER, check_template
from marketing.campaigns.sending import recipients
from marketing.channels.rules import INTRUSIVE, ContactRules
from marketing.models import Audience, Call, Campaign, Channel, Promotion
from marketing.models.contacts import CAMPAIGN_CHANNELS

TEXTS = ("subject_zh", "subject_en", "body_zh", "body_en")
# A text message of more characters is split into too many parts for the gateway and the guest's phone.
MAX_SMS_CHARACTERS = 300
# The letters are printed into one PDF by the worker at sending time: more would keep it busy for too long.
MAX_LETTERS = 500
# A call list is worked through by the hotel's salespeople by hand: more calls than this is not a call list.
MAX_CALLS = 500


def placeholders_in(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


class MessageTexts:
    """The subject and message in each language may name only the known placeholders (`check_template`); a form
    refusing more says so in `check_text`."""

    def check_text(self, text: str) -> None:
        """Further checks of one text, for the form to add."""

    def _clean_text(self, name: str) -> str:
        text = self.cleaned_data[name]
        check_template(text)
        self.check_text(text)
        return text

    def clean_subject_zh(self):
        return self._clean_text("subject_zh")

    def clean_subject_en(self):
        return self._clean_text("subject_en")

    def clean_body_zh(self):
        return self._clean_text("body_zh")

    def clean_body_en(self):
        return self._clean_text("body_en")


class CampaignForm(MessageTexts, StripsBidiControls, forms.ModelForm):
    """A campaign as sales draft it: its texts may name only the known placeholders, and each channel asks for what
    it needs to reach the guests (subjects for an email, an approved template for a text message, callers for a
    call list) at a time it may reach them."""

    callers = StaffMultipleChoiceField(
        queryset=staff_who_sell(),
        label=_("Callers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Call lists: the members are handed to these salespeople in turn."),
    )

    landing_url = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=Campaign._meta.get_field("landing_url").help_text,
    )

    class Meta:
        model = Campaign
        fields = [
            "name", "promotion", "audience", "channel", "send_at", "subject_zh", "subject_en", "body_zh", "body_en",
            "landing_url", "sms_template", "callers", "cost_per_contact", "fixed_cost", "control_share",
            "attribution_days", "converts_on",
        ]  # fmt: skip
        field_classes = {"send_at": NearDateTimeField}
        labels = {"audience": _("Client segment"), "converts_on": _("A conversion is")}
        help_texts = {
            "send_at": _("In the hotel's time."),
            "subject_zh": _("Emails and letters; an email needs a subject in both languages."),
            "body_en": _("Guests whose language is English read this one."),
        }
        widgets = {"body_zh": forms.Textarea(attrs={"rows": 7}), "body_en": forms.Textarea(attrs={"rows": 7})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["callers"].queryset = staff_who_sell()
        self.fields["channel"].choices = CAMPAIGN_CHANNELS
        self.fields["body_zh"].help_text = _("Text messages: at most %(most)s characters.") % {
            "most": MAX_SMS_CHARACTERS
        }
        self.fields["promotion"].queryset = Promotion.objects.order_by("-starts_on", "-pk")
        self.fields["audience"].queryset = Audience.objects.order_by("name", "pk")

    def clean_send_at(self):
        send_at = self.cleaned_data["send_at"]
        if send_at < timezone.now().replace(second=0, microsecond=0):
            raise forms.ValidationError(_("This time has passed: choose one to come."))
        return send_at

    def clean(self):
        cleaned = super().clean()
        channel = cleaned.get("channel")
        texts = {name: cleaned[name] for name in TEXTS if name in cleaned}
        self._check_placeholders(texts, promotion=cleaned.get("promotion"), landing_url=cleaned.get("landing_url"))
        if channel == Channel.EMAIL:
            for name in ("subject_zh", "subject_en"):
                if name in texts and not texts[name].strip():
                    self.add_error(name, _("An email needs a subject in each language."))
        if channel == Channel.SMS:
            self._check_text_message(texts)
        if channel == Channel.CALL:
            if "callers" in cleaned and not cleaned["callers"]:
                self.add_error("callers", _("Choose at least one salesperson to make the calls."))
        elif "callers" in cleaned:
            cleaned["callers"] = self.fields["callers"].queryset.none()
        if channel in INTRUSIVE and cleaned.get("send_at"):
            self._check_quiet_hours(cleaned["send_at"])
        if channel in (Channel.LETTER, Channel.CALL) and cleaned.get("audience") and cleaned.get("send_at"):
            self._check_size(channel, cleaned["audience"], cleaned["send_at"])
        return cleaned

    def _check_placeholders(self, texts: dict[str, str], *, promotion, landing_url) -> None:
        """{code} needs the promotion's offer code, {link} the address it leads to (a URL refused already has its
        own error)."""
        used = {name: placeholders_in(text) for name, text in texts.items()}
        if promotion and not promotion.offer_code:
            for name in [name for name, found in used.items() if "code" in found]:
                self.add_error(
                    name,
                    _("The promotion %(promotion)s has no offer code for {code}: give it one, or leave {code} out.")
                    % {"promotion": promotion.name},
                )
        if landing_url == "" and any("link" in found for found in used.values()):
            self.add_error("landing_url", _("The message uses {link}: enter the address it leads to."))

    def _check_text_message(self, texts: dict[str, str]) -> None:
        if not self.cleaned_data.get("sms_template", "").strip() and "sms_template" not in self.errors:
            self.add_error("sms_template", _("A text message needs the code of its template approved by the gateway."))
        for name in ("body_zh", "body_en"):
            if len(texts.get(name, "")) > MAX_SMS_CHARACTERS:
                self.add_error(
                    name,
                    _("A text message has at most %(most)s characters; this one has %(count)s.")
                    % {"most": MAX_SMS_CHARACTERS, "count": len(texts[name])},
                )

    def _check_quiet_hours(self, send_at) -> None:
        rules = ContactRules.from_settings()
        if rules.is_quiet(send_at):
            self.add_error(
                "send_at",
                _("No text message or call goes out in the quiet hours, %(start)s–%(end)s: choose another time.")
                % {"start": f"{rules.quiet_from:%H:%M}", "end": f"{rules.quiet_until:%H:%M}"},
            )

    def _check_size(self, channel: str, audience: Audience, send_at) -> None:
        """Letters and calls are worked by hand: a segment too large for them is refused."""
        members = recipients(Campaign(audience=audience), today=timezone.localdate(send_at)).count()
        if channel == Channel.LETTER and members > MAX_LETTERS:
            message = _("A letter campaign prints at most %(most)s letters, and this segment has %(count)s members.")
            self.add_error("audience", message % {"most": MAX_LETTERS, "count": members})
        elif channel == Channel.CALL and members > MAX_CALLS:
            message = _("A call list holds at most %(most)s calls, and this segment has %(count)s members.")
            self.add_error("audience", message % {"most": MAX_CALLS, "count": members})


class ReviewForm(StripsBidiControls, forms.Form):
    """A manager's answer to a campaign: a note for its author, which sending it back must have."""

    note = forms.CharField(label=_("Note for the author"), max_length=2000, required=False, widget=forms.Textarea)

    def __init__(self, *args, note_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = note_required


class CallOutcomeForm(forms.Form):
    """A call's outcome, and the call list's address as it was shown, to return to."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=Call.Outcome.choices)
    next = forms.CharField(required=False, max_length=2000)


class CampaignFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Campaign.Status.choices)
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)

    class Meta:
        model = Campaign
        fields = ["status", "channel"]


NOT_RECORDED = "none"


class CallFilter(django_filters.FilterSet):
    """A call list's calls, by their outcome (or none yet) and, for a manager, by caller."""

    caller = StaffFilter(label=_("Caller"), queryset=staff_who_sell(), field_name="activity__owner")
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"), choices=[(NOT_RECORDED, _("Not recorded yet")), *Call.Outcome.choices], method="by_outcome"
    )

    class Meta:
        model = Call
        fields = ["caller", "outcome"]

    def __init__(self, *args, sees_every_caller: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not sees_every_caller:
            del self.filters["caller"]

    def by_outcome(self, queryset, name, value):
        return queryset.filter(outcome="" if value == NOT_RECORDED else value)
