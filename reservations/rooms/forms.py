from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clienthistory.forms import normalise_mobile
from clienthistory.models import Profile, mobile_validator
from hotelsales.forms import NearDateField, OfferCodeField, StripsBidiControls
from hotelsales.money import format_money
from hotelsales.widgets import Lookup
from reservations.models import GroupBlock, Reservation, RoomType
from reservations.rooms.blocks import MAX_BLOCK_NIGHTS, block_too_long
from reservations.rooms.rates import quote

SOURCES = [(value, label) for value, label in Reservation.Source.choices if value != Reservation.Source.GROUP]


class ReservationEntryForm(StripsBidiControls, forms.Form):
    """The front desk's one-screen entry: a guest found as you type (or a new one), the nights, the room."""

    guest = forms.ModelChoiceField(
        label=_("Guest"),
        queryset=Profile.objects.filter(merged_into=None),
        required=False,
        widget=Lookup("clienthistory:profile-lookup", Profile),
    )
    new_guest_name = forms.CharField(label=_("Or a new guest: name"), max_length=100, required=False)
    new_guest_mobile = forms.CharField(label=_("Mobile"), max_length=24, required=False)
    arrival = NearDateField(label=_("Arrival"))
    nights = forms.IntegerField(label=_("Nights"), min_value=1, initial=1)
    departure = NearDateField(label=_("Departure"), required=False)
    room_type = forms.ModelChoiceField(label=_("Room type"), queryset=RoomType.objects.filter(active=True))
    rooms = forms.IntegerField(label=_("Rooms"), min_value=1, max_value=50, initial=1)
    adults = forms.IntegerField(label=_("Adults"), min_value=1, max_value=20, initial=1)
    rate = forms.DecimalField(
        label=_("Rate per night"), min_value=0, max_digits=10, decimal_places=2, required=False,
        help_text=_("Empty: the rate shown below, the guest's account's negotiated rate or else the public rate."),
    )  # fmt: skip
    rate_override_reason = forms.CharField(
        label=_("Reason for changing the rate (manager)"), max_length=200, required=False
    )
    source = forms.ChoiceField(label=_("Source"), choices=SOURCES, initial=Reservation.Source.PHONE)
    offer_code = Reservation._meta.get_field("offer_code").formfield(form_class=OfferCodeField)
    special_requests = forms.CharField(
        label=_("Special requests"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    overbook = forms.BooleanField(label=_("Sell beyond availability (manager, within the allowance)"), required=False)

    def __init__(self, *args, may_overbook: bool = False, may_change_rate: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["arrival"].initial = timezone.localdate()
        self.fields["nights"].widget.attrs["max"] = settings.MAX_STAY_NIGHTS
        if not may_overbook:
            del self.fields["overbook"]
        if not may_change_rate:
            del self.fields["rate_override_reason"]

    def clean_new_guest_mobile(self):
        mobile = normalise_mobile(self.cleaned_data["new_guest_mobile"])
        if mobile:
            mobile_validator(mobile)
        return mobile

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("guest") and not cleaned.get("new_guest_name", "").strip():
            self.add_error("guest", _("Find the guest, or give a new guest's name."))
        arrival, nights, departure = cleaned.get("arrival"), cleaned.get("nights"), cleaned.get("departure")
        if arrival and arrival < timezone.localdate():
            self.add_error("arrival", _("The arrival cannot be in the past."))
        if arrival and departure:
            nights = (departure - arrival).days
            if nights < 1:
                self.add_error("departure", _("The departure must be after the arrival."))
            elif nights > settings.MAX_STAY_NIGHTS:
                self.add_error("departure", Reservation.too_long())
            else:
                cleaned["nights"] = nights
        elif arrival and nights:
            if nights > settings.MAX_STAY_NIGHTS:
                self.add_error("nights", Reservation.too_long())
            else:
                cleaned["departure"] = arrival + timedelta(days=nights)
        self._check_rate(cleaned)
        return cleaned

    def _check_rate(self, cleaned: dict) -> None:
        """Quote the stay; a rate typed that differs from the quote is a manager's change, with a reason."""
        arrival, departure, room_type = cleaned.get("arrival"), cleaned.get("departure"), cleaned.get("room_type")
        if not (arrival and departure and room_type) or not 1 <= (departure - arrival).days <= settings.MAX_STAY_NIGHTS:
            return
        guest = cleaned.get("guest")
        cleaned["quote"] = found = quote(
            room_type, arrival, (departure - arrival).days, account=guest.account_id if guest else None
        )
        rate = cleaned.get("rate")
        cleaned["rate_changed"] = changed = rate is not None and rate != found.rate
        if not changed:
            return
        if "rate_override_reason" not in self.fields:
            self.add_error(
                "rate",
                _("Only a manager may change the rate; leave it empty to apply %(rate)s.")
                % {"rate": format_money(found.rate)},
            )
        elif not cleaned.get("rate_override_reason", "").strip():
            self.add_error("rate_override_reason", _("Give the reason for changing the rate."))


class CancelForm(StripsBidiControls, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class BlockForm(StripsBidiControls, forms.ModelForm):
    first_night = NearDateField(label=_("First night"))
    last_night = NearDateField(label=_("Last night"))
    room_types = forms.ModelMultipleChoiceField(
        label=_("Room types"), queryset=RoomType.objects.filter(active=True), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = GroupBlock
        fields = ["rate", "cutoff_date", "attrition_allowance", "notes"]
        field_classes = {"cutoff_date": NearDateField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        first, last, cutoff = cleaned.get("first_night"), cleaned.get("last_night"), cleaned.get("cutoff_date")
        if first and last and last < first:
            self.add_error("last_night", _("The last night cannot be before the first."))
        if first and last and (last - first).days >= MAX_BLOCK_NIGHTS:
            self.add_error("last_night", block_too_long())
        if first and cutoff and cutoff >= first:
            self.add_error("cutoff_date", _("The cutoff date must be before the first night."))
        return cleaned
