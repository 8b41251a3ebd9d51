from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hotelsales.listing import validate_date_in_window
from hotelsales.widgets import DatePicker


class PeriodForm(forms.Form):
    first = forms.DateField(label=_("from"), widget=DatePicker(), validators=[validate_date_in_window])
    last = forms.DateField(label=_("to"), widget=DatePicker(), validators=[validate_date_in_window])

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last and last < first:
            self.add_error("last", _("The end cannot be before the start."))
        if first and last and (last - first).days > 366:
            self.add_error("last", _("Choose a period of at most a year."))
        return cleaned


def add_refusal(form: forms.BaseForm, refusal: ValidationError) -> None:
    """Put a workflow's refusal on the form: on its field when it names one the form has, else on top."""
    if hasattr(refusal, "error_dict"):
        for field, errors in refusal.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, refusal.messages)


def id_param(params, name: str) -> int | None:
    """A row id from the query string or the posted form; None when missing or not a number."""
    value = params.get(name, "")
    return int(value) if value.isascii() and value.isdigit() else None
