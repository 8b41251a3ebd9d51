from django import forms
from django.utils.translation import gettext_lazy as _

from hotelsales.forms import StripsBidiControls
from marketing.assist.calls import caller_number


class CallerForm(StripsBidiControls, forms.Form):
    """The number of an incoming call, as the softphone passes it in the address (?number=…)."""

    number = forms.CharField(
        label=_("Caller's number"),
        max_length=40,
        error_messages={"required": _("The call came without a number.")},
    )

    def clean_number(self):
        number = caller_number(self.cleaned_data["number"])
        if number is None:
            raise forms.ValidationError(_("This is not a phone number: digits only, optionally starting with +."))
        return number
