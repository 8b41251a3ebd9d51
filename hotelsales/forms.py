"""What every app's forms share: date fields that refuse dates nobody means, a period, an offer code as it is
typed, a workflow's refusal put on its form, and row ids from the request."""

import unicodedata
from datetime import date, datetime, timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hotelsales.validators import offer_code_validator
from hotelsales.widgets import DatePicker, DateTimePicker

# No date the hotel means lies outside these years, and date arithmetic near year 1 or 9999 overflows.
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)


def dates_near_today() -> tuple[date, date]:
    """The first and last day a business date may be typed as: settings.DATE_WINDOW_DAYS_BACK/_AHEAD."""
    today = timezone.localdate()
    return (
        today - timedelta(days=settings.DATE_WINDOW_DAYS_BACK),
        today + timedelta(days=settings.DATE_WINDOW_DAYS_AHEAD),
    )


def _refuse_outside(day: date, first: date, last: date) -> None:
    if not first <= day <= last:
        raise ValidationError(
            _("Enter a date from %(first)s to %(last)s."),
            code="date_out_of_range",
            params={
                "first": formats.date_format(first, "SHORT_DATE_FORMAT"),
                "last": formats.date_format(last, "SHORT_DATE_FORMAT"),
            },
        )


class DateField(forms.DateField):
    """Every date a form takes is one of these, or a NearDateField: one outside EARLIEST–LATEST (or the narrower
    `first`–`last` a field is given) gets a field error instead of overflowing later (a birthday or a report's
    period may lie long ago)."""

    widget = DatePicker

    def __init__(self, *args, first: date = EARLIEST, last: date = LATEST, **kwargs):
        super().__init__(*args, **kwargs)
        self.first, self.last = first, last

    def validate(self, value):
        super().validate(value)
        if value is not None:
            _refuse_outside(value, self.first, self.last)


class DateTimeField(forms.DateTimeField):
    """A date and time, bounded as DateField; the value is in the current time zone, so its date is the date
    typed (converting one near year 1 to another zone would overflow)."""

    widget = DateTimePicker

    def validate(self, value):
        super().validate(value)
        if value is not None:
            _refuse_outside(value.date(), EARLIEST, LATEST)


def _day(value) -> date | None:
    return timezone.localdate(value) if isinstance(value, datetime) else value


class _NearToday:
    """A business date (an arrival, an event, a deadline, a payment) lies within dates_near_today(). A date the
    form already held is kept, so that an event of long ago can still be corrected; only a new date is checked.

    Django's FileField sees the form's initial value through the same hook."""

    def _clean_bound_field(self, bf):
        value = super()._clean_bound_field(bf)
        if value is not None and _day(value) != _day(bf.initial):
            _refuse_outside(_day(value), *dates_near_today())
        return value


class NearDateField(_NearToday, DateField):
    pass


class NearDateTimeField(_NearToday, DateTimeField):
    pass


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


class OfferCodeField(forms.CharField):
    """The code of a promotion as a guest says it and a clerk types it: kept upper-case ("summer-2027" is
    SUMMER-2027), and the full-width letters and digits of a Chinese input method count as the plain ones."""

    default_validators = [offer_code_validator]

    def to_python(self, value):
        return unicodedata.normalize("NFKC", super().to_python(value)).strip().upper()


class PeriodForm(forms.Form):
    first = DateField(label=pgettext_lazy("start of a period", "From"))
    last = DateField(label=_("To"))

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
