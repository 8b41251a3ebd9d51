from django import forms
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from hotelsales.widgets import DatePicker

# Invisible characters that reorder the text around them: after U+202E, "gpj.exe" shows as "exe.jpg". A name or
# a reference holding one reads otherwise than it is written, on screen, in letters and in exports.
BIDI_CONTROLS = dict.fromkeys([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def without_bidi_controls(text: str) -> str:
    return text.translate(BIDI_CONTROLS)


class StripsBidiControls:
    """A form mixin: what is typed into the form's text fields loses its bidirectional control characters before
    the fields validate it (so a name of nothing else is refused as empty). Every form of the project with a text
    field has it (tests/hotelsales/test_bidi_controls.py)."""

    def full_clean(self):
        if self.is_bound:
            self.data = self._data_without_bidi_controls()
        super().full_clean()

    def _data_without_bidi_controls(self):
        """The posted data with the text fields' values cleaned; the same data when none held a control."""
        several = isinstance(self.data, MultiValueDict)
        cleaned = {}
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if isinstance(field, forms.CharField) and key in self.data:
                values = self.data.getlist(key) if several else [self.data[key]]
                stripped = [without_bidi_controls(value) if isinstance(value, str) else value for value in values]
                if stripped != values:
                    cleaned[key] = stripped
        if not cleaned:
            return self.data
        if not several:
            return {**self.data, **{key: values[0] for key, values in cleaned.items()}}
        # A shallow copy: QueryDict.copy() copies deeply, which each form of a long formset would repeat.
        data = MultiValueDict(self.data.lists())
        for key, values in cleaned.items():
            data.setlist(key, values)
        return data


class PeriodForm(forms.Form):
    first = forms.DateField(label=_("from"), widget=DatePicker())
    last = forms.DateField(label=_("to"), widget=DatePicker())

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
