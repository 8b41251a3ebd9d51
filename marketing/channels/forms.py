from django import forms
from django.utils.translation import gettext_lazy as _

from clienthistory.forms import normalise_mobile
from clienthistory.models import mobile_validator
from hotelsales.forms import StripsBidiControls
from marketing.assist.calls import caller_number


class InboundSmsForm(StripsBidiControls, forms.Form):
    """A guest's answer to a text message, as the gateway posts it."""

    phone = forms.CharField(label=_("Mobile"), max_length=24)
    content = forms.CharField(label=_("Message"), max_length=500, strip=False)

    def clean_phone(self):
        phone = normalise_mobile(self.cleaned_data["phone"])
        mobile_validator(phone)
        return phone


class LocationForm(StripsBidiControls, forms.Form):
    """A location moment, as the Wi-Fi portal or the car dispatch posts it: the guest by mobile or by the
    reservation's confirmation number."""

    WIFI, PICKUP = "wifi", "pickup"
    kind = forms.ChoiceField(
        label=_("Moment"), choices=[(WIFI, _("Wi-Fi sign-in")), (PICKUP, _("Met by the hotel's car"))]
    )
    mobile = forms.CharField(label=_("Mobile"), max_length=24, required=False)
    confirmation = forms.CharField(label=_("Confirmation number"), max_length=20, required=False)

    def clean_mobile(self):
        """The number as profiles keep a mobile (+86 and separators dropped, as the caller's screen-pop reads it)."""
        mobile = self.cleaned_data["mobile"]
        if not mobile:
            return ""
        number = caller_number(mobile)
        if number is None:
            raise forms.ValidationError(_("Enter a phone number."))
        return number

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("mobile") and not cleaned.get("confirmation") and not self.errors:
            raise forms.ValidationError(_("Give the guest's mobile or the confirmation number."))
        return cleaned
