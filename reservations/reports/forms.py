"""The filters of the sales reports."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clienthistory.forms import StaffChoiceField, staff_who_sell
from hotelsales.forms import DateField
from reservations.models import (
    Booking,
)


class LostBusinessForm(forms.Form):
    """The period (closing dates, both included) and the filters of the lost-business report."""

    to = DateField(label=_("To"), required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=[("", _("All types")), *Booking.Kind.choices], required=False)
    owner = StaffChoiceField(label=_("Owner"), queryset=staff_who_sell(), required=False, empty_label=_("Everyone"))

    MAX_DAYS = 5 * 366

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the field cannot be declared on the class.
        self.fields = {
            "from": DateField(label=pgettext_lazy("start of a period", "From"), required=False),
            **self.fields,
        }
        self.fields["owner"].queryset = staff_who_sell()
        self.today = today

    @staticmethod
    def default_first(today: date) -> date:
        """The first day of the month eleven months back: twelve months, the current one included."""
        month = today.year * 12 + today.month - 1 - 11
        return date(month // 12, month % 12 + 1, 1)

    def clean(self):
        cleaned = super().clean()
        if "from" in self.errors or "to" in self.errors:
            return cleaned
        first = cleaned.get("from") or self.default_first(self.today)
        last = cleaned.get("to") or self.today
        if last < first:
            self.add_error("to", _("The end cannot be before the start."))
        elif (last - first).days > self.MAX_DAYS:
            self.add_error("to", _("Choose a period of at most five years."))
        cleaned["from"], cleaned["to"] = first, last
        return cleaned
