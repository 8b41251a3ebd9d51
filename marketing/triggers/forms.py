"""The forms of the triggers' pages: a trigger as managers set it up, switching it on or off, and the period the
triggered-against-blanket page compares."""

from datetime import timedelta

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hotelsales.forms import DateField, StripsBidiControls
from marketing.campaigns.forms import MAX_SMS_CHARACTERS, TEXTS, MessageTexts, placeholders_in
from marketing.models import Audience, Channel, Moment, Offer, Trigger
from marketing.triggers.moments import MOMENTS

# The compare page's period when none is asked for: the last year, today included (campaigns go out a few times
# a year).
DEFAULT_DAYS = 365
MOST_YEARS = 5


class TriggerForm(MessageTexts, StripsBidiControls, forms.ModelForm):
    """A trigger as managers set it up: N within its moment's bounds (none for a moment reported as it happens), texts
    naming only the placeholders a trigger fills in, and what each action needs to reach the guest — subjects in
    both languages for an email, the gateway's template for a text message, the kind of task for sales."""

    landing_url = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Where {link} in an email leads."),
    )

    class Meta:
        model = Trigger
        fields = [
            "name", "moment", "number", "audience", "channel", "offer", "subject_zh", "subject_en", "body_zh",
            "body_en", "landing_url", "sms_template", "task_kind", "team", "cost_per_contact", "control_share",
            "attribution_days", "active",
        ]  # fmt: skip
        labels = {
            "audience": _("Client segment"),
            "offer": pgettext_lazy("a product proposed to a guest", "Offer"),
        }
        help_texts = {
            "number": _("What N counts depends on the moment: see the table beside the form."),
            "subject_zh": _("Emails: a subject in both languages."),
            "body_en": _("Guests whose language is English read this one. For a task, the message tells sales what to "
                         "say or bring."),
            "task_kind": _("Tasks: what sales are asked to do."),
        }  # fmt: skip
        widgets = {"body_zh": forms.Textarea(attrs={"rows": 5}), "body_en": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].queryset = Audience.objects.order_by("name", "pk")
        self.fields["audience"].empty_label = _("Everyone the moment finds")
        chosen = self.instance.offer_id if self.instance.pk else None
        self.fields["offer"].queryset = Offer.objects.filter(Q(active=True) | Q(pk=chosen))
        self.fields["number"].required = False  # a moment reported as it happens has no N
        self.fields["body_zh"].help_text = _("Text messages: at most %(most)s characters.") % {
            "most": MAX_SMS_CHARACTERS
        }
        if not self.instance.pk:  # the first moment and its N to begin with, rather than nothing and the model's 0
            self.initial["moment"] = Moment.BIRTHDAY
            self.initial["number"] = MOMENTS[Moment.BIRTHDAY].default

    def check_text(self, text: str) -> None:
        if "code" in placeholders_in(text):
            raise forms.ValidationError(
                _("A trigger has no offer code for {code}: leave it out, and name the offer with {offer}.")
            )

    def clean(self):
        cleaned = super().clean()
        self._check_number(cleaned.get("moment"), cleaned.get("number"))
        texts = {name: cleaned[name] for name in TEXTS if name in cleaned}
        used = set().union(*(placeholders_in(text) for text in texts.values()))
        if "offer" in used and "offer" in cleaned and cleaned["offer"] is None:
            self.add_error("offer", _("The message uses {offer}: choose the offer it names."))
        if "link" in used and cleaned.get("landing_url") == "":
            self.add_error("landing_url", _("The message uses {link}: enter the address it leads to."))
        channel = cleaned.get("channel")
        if channel == Channel.EMAIL:
            for name in ("subject_zh", "subject_en"):
                if name in texts and not texts[name].strip():
                    self.add_error(name, _("An email needs a subject in each language."))
        elif channel == Channel.SMS:
            self._check_text_message(texts)
        elif channel == Channel.TASK and "task_kind" in cleaned and not cleaned["task_kind"]:
            self.add_error("task_kind", _("Choose what sales are asked to do."))
        return cleaned

    def _check_number(self, moment: str | None, number: int | None) -> None:
        """N within its moment's bounds; a moment reported as it happens (the Wi-Fi, the hotel's car) has none."""
        if not moment:
            return
        kind = MOMENTS[moment]
        if kind.pushed:
            self.cleaned_data["number"] = 0
            return
        if number is None and "number" not in self.errors:
            self.add_error("number", _("Enter N: %(unit)s, from %(least)s to %(most)s.") % self._bounds(kind))
        elif number is not None and not kind.least <= number <= kind.most:
            self.add_error(
                "number",
                _("For “%(moment)s”, N counts %(unit)s: from %(least)s to %(most)s.")
                % {"moment": Moment(moment).label, **self._bounds(kind)},
            )

    @staticmethod
    def _bounds(kind) -> dict:
        return {"unit": kind.unit, "least": kind.least, "most": kind.most}

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


class ActiveForm(forms.Form):
    """Switching a trigger on or off: said outright, so that a second click leaves it as the first made it."""

    active = forms.TypedChoiceField(
        label=_("Active"), choices=[("1", _("Active")), ("0", _("Inactive"))], coerce=lambda value: value == "1"
    )


class CompareForm(forms.Form):
    """?since=&until= of the triggered-against-blanket page: hotel dates, both included, at most five years apart;
    the last 365 days (`default_days`) when neither is given."""

    default_days = DEFAULT_DAYS

    since = DateField(label=pgettext_lazy("start of a period", "From"))
    until = DateField(label=_("To"))

    def __init__(self, data: QueryDict, *, today):
        data = data.copy()
        if not data.get("since") and not data.get("until"):
            data["since"] = (today - timedelta(days=self.default_days - 1)).isoformat()
            data["until"] = today.isoformat()
        super().__init__(data)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end cannot be before the start."))
        elif since and until and since < _years_before(until, MOST_YEARS):
            self.add_error("since", _("Choose a period of at most %(years)s years.") % {"years": MOST_YEARS})
        return cleaned


def _years_before(day, years: int):
    """The same day `years` earlier (29 February falls on the 28th)."""
    return (
        day.replace(year=day.year - years, day=28)
        if (day.month, day.day) == (2, 29)
        else day.replace(year=day.year - years)
    )
