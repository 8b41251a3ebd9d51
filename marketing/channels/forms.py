from django import forms
from django.utils.translation import gettext_lazy as _

from clienthistory.forms import normalise_mobile
from clienthistory.models import mobile_validator
from hotelsales.forms import StripsBidiControls


class InboundSmsForm(StripsBidiControls, forms.Form):
    """A guest's answer to a text message, as the gateway posts it."""

    phone = forms.CharField(label=_("Mobile"), max_length=24)
    content = forms.CharField(label=_("Message"), max_length=500, strip=False)

    def clean_phone(self):
        phone = normalise_mobile(self.cleaned_data["phone"])
        mobile_validator(phone)
        return phone
