"""The public inquiry form and the forms of the lead pages.

Spam defences of the public form, none needing an outside service (see also marketing.leads.defences):
- a honeypot field, `website`, hidden from people by a CSS class (.inquiry-extra) and skipped by the keyboard; a
  form that fills it is answered with the thank-you page and saved nowhere, so a script learns nothing;
- `shown`, the time the form was shown, signed: a form sent back sooner than INQUIRY_MIN_SECONDS, or with a
  missing or forged time, gets a form error asking to check and send it again (a person who really was that
  quick just sends it again, with a fresh time).
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clienthistory.forms import normalise_mobile
from clienthistory.models import mobile_validator
from clienthistory.staff import StaffMultipleChoiceField, staff_who_sell
from hotelsales.forms import NearDateField, StripsBidiControls
from marketing.models import Lead, LeadRoute
from marketing.triggers.forms import CompareForm

SHOWN_SALT = "marketing.inquiry.shown"
# A form left open longer than this is stale: its time no longer counts.
SHOWN_MAX_AGE = 60 * 60 * 24


def shown_now() -> str:
    return signing.dumps(time.time(), salt=SHOWN_SALT)


LEAD_FIELDS = [
    "kind", "preferred_date", "alternative_date", "second_alternative_date", "guests", "tables", "rooms", "budget",
    "contact_name", "mobile", "email", "company", "message",
]  # fmt: skip


class LeadFieldsForm(StripsBidiControls, forms.ModelForm):
    """What an inquiry says, however it came in: the public form, a lead entered by staff, a row of an import."""

    class Meta:
        model = Lead
        fields = LEAD_FIELDS
        field_classes = dict.fromkeys(["preferred_date", "alternative_date", "second_alternative_date"], NearDateField)
        labels = {"budget": _("Budget (CNY)")}
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Lead.Kind.choices
        self.fields["mobile"].widget.attrs.update(inputmode="tel", autocomplete="tel")
        self.fields["email"].widget.attrs.update(autocomplete="email")

    def clean_mobile(self):
        mobile = normalise_mobile(self.cleaned_data["mobile"])
        if mobile:
            mobile_validator(mobile)
        return mobile

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for name in ("preferred_date", "alternative_date", "second_alternative_date"):
            if cleaned.get(name) and cleaned[name] < today:
                self.add_error(name, _("Choose a date from today on."))
        return cleaned


class PublicInquiryForm(LeadFieldsForm):
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    shown = forms.CharField(widget=forms.HiddenInput, max_length=200)

    class Meta(LeadFieldsForm.Meta):
        labels = {"contact_name": _("Your name"), "budget": _("Budget (CNY)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shown"].initial = shown_now()
        self.fields["contact_name"].widget.attrs.update(autocomplete="name")

    @property
    def is_bait_taken(self) -> bool:
        """Whether the honeypot was filled: a script, answered as if it were a person."""
        return bool(self.data.get("website"))

    def clean_shown(self):
        try:
            shown = signing.loads(self.cleaned_data["shown"], salt=SHOWN_SALT, max_age=SHOWN_MAX_AGE)
        except signing.BadSignature:
            raise forms.ValidationError(_("This form has expired. Please check it and send it again.")) from None
        if time.time() - float(shown) < settings.INQUIRY_MIN_SECONDS:
            raise forms.ValidationError(_("That was quick! Please check your inquiry and send it again."))
        return shown


class StaffLeadForm(LeadFieldsForm):
    """A lead taken by phone, by email or otherwise, entered by sales or a manager."""

    STAFF_SOURCES = (Lead.Source.PHONE, Lead.Source.EMAIL, Lead.Source.OTHER)

    take = forms.BooleanField(
        label=_("I take it"), required=False, help_text=_("Unticked, the lead is routed as a web inquiry is.")
    )

    class Meta(LeadFieldsForm.Meta):
        fields = ["source", *LEAD_FIELDS, "language"]
        labels = {"contact_name": _("Enquirer's name"), "budget": _("Budget (CNY)"), "language": _("Receipt in")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(source.value, source.label) for source in self.STAFF_SOURCES]
        self.fields["source"].initial = Lead.Source.PHONE


class LostForm(StripsBidiControls, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class LeadReportForm(CompareForm):
    """?since=&until= of the lead report: the leads received in those hotel dates, both included, at most five
    years apart; the last 90 days when neither is given."""

    default_days = 90


class LeadRouteForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = LeadRoute
        fields = ["name", "position", "active", "kind", "measure", "min_size", "max_size", "date_from", "date_until",
                  "team"]  # fmt: skip
        field_classes = {"date_from": NearDateField, "date_until": NearDateField, "team": StaffMultipleChoiceField}
        widgets = {"team": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = staff_who_sell()  # someone who has left drops out of the team when saved
