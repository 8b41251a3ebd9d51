"""Forms of the booking lifecycle: the booking, its status changes, its deposit schedule, and a booking started
from the diary."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clienthistory.forms import StaffChoiceField, contact_lookup, refuse_contact_of_another_account, staff_who_sell
from clienthistory.models import Account
from hotelsales.forms import NearDateField, StripsBidiControls
from hotelsales.widgets import Lookup
from reservations.models import (
    Booking,
    DepositInstalment,
    LostReason,
)
from reservations.sales.deposits import MAX_INSTALMENTS


class BookingForm(StripsBidiControls, forms.ModelForm):
    owner = StaffChoiceField(queryset=staff_who_sell(), label=_("owner"))

    class Meta:
        model = Booking
        fields = ["kind", "name", "account", "contact", "owner", "segment", "terms", "notes"]
        widgets = {
            "account": Lookup("clienthistory:account-lookup", Account),
            "contact": contact_lookup(),
            "terms": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_who_sell()

    def clean(self):
        cleaned = super().clean()
        refuse_contact_of_another_account(self)
        return cleaned


class TentativeForm(forms.Form):
    option_date = NearDateField(label=_("option date"))

    def clean_option_date(self):
        option_date = self.cleaned_data["option_date"]
        if option_date < timezone.localdate():
            raise forms.ValidationError(_("The option date cannot be in the past."))
        return option_date


class CloseForm(StripsBidiControls, forms.Form):
    reason = forms.ChoiceField(label=_("reason"), choices=[("", "---------"), *LostReason.choices])
    competitor = forms.CharField(label=_("competitor"), required=False, max_length=200)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DepositForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = DepositInstalment
        fields = ["due_on", "basis", "value", "description"]
        field_classes = {"due_on": NearDateField}


# The posted form count is capped too: Django would otherwise build (and render back) up to 2,000 forms.
DepositFormSet = forms.modelformset_factory(
    DepositInstalment, form=DepositForm, extra=2, can_delete=True, min_num=0, validate_min=False,
    max_num=MAX_INSTALMENTS, absolute_max=MAX_INSTALMENTS, validate_max=True,
)  # fmt: skip


class NewBookingForm(StripsBidiControls, forms.Form):
    """Start a booking together with its first event (from the diary)."""

    booking = forms.ModelChoiceField(
        label=_("existing booking"),
        queryset=Booking.objects.exclude(status__in=Booking.CLOSED),
        required=False,
        widget=Lookup("reservations:booking-lookup", Booking),
    )
    new_name = forms.CharField(label=_("or a new booking named"), max_length=200, required=False)
    new_kind = forms.ChoiceField(label=_("type"), choices=Booking.Kind.choices, initial=Booking.Kind.BANQUET)
    new_account = forms.ModelChoiceField(
        label=_("account"),
        queryset=Account.objects.all(),
        required=False,
        widget=Lookup("clienthistory:account-lookup", Account),
    )
    new_status = forms.ChoiceField(
        label=_("status"),
        choices=[
            (Booking.Status.PROSPECT, Booking.Status.PROSPECT.label),
            (Booking.Status.TENTATIVE, Booking.Status.TENTATIVE.label),
        ],
        initial=Booking.Status.TENTATIVE,
    )
    option_date = NearDateField(label=_("option date"), required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("booking") and not cleaned.get("new_name"):
            raise forms.ValidationError(_("Choose a booking or name a new one."))
        if (
            not cleaned.get("booking")
            and cleaned.get("new_status") == Booking.Status.TENTATIVE
            and not cleaned.get("option_date")
        ):
            self.add_error("option_date", _("A tentative booking needs an option date."))
        return cleaned
