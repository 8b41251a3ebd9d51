"""Forms of the booking lifecycle: the booking, its status changes, its deposit schedule, a booking started from
the diary, and an inquiry taken in one go."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clienthistory.forms import (
    StaffChoiceField,
    contact_lookup,
    normalise_mobile,
    refuse_contact_of_another_account,
    staff_who_sell,
)
from clienthistory.models import Account, Profile, Segment, mobile_validator
from hotelsales.forms import NearDateField, OfferCodeField, StripsBidiControls
from hotelsales.widgets import Lookup
from reservations.models import (
    Booking,
    DepositInstalment,
    LostReason,
)
from reservations.sales.deposits import MAX_INSTALMENTS

# The statuses a booking may start in.
OPENING_STATUSES = [
    (Booking.Status.PROSPECT, Booking.Status.PROSPECT.label),
    (Booking.Status.TENTATIVE, Booking.Status.TENTATIVE.label),
]


class BookingForm(StripsBidiControls, forms.ModelForm):
    owner = StaffChoiceField(queryset=staff_who_sell(), label=_("Owner"))

    class Meta:
        model = Booking
        fields = ["kind", "name", "account", "contact", "owner", "segment", "offer_code", "terms", "notes"]
        field_classes = {"offer_code": OfferCodeField}
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
    option_date = NearDateField(label=_("Option date"))

    def clean_option_date(self):
        option_date = self.cleaned_data["option_date"]
        if option_date < timezone.localdate():
            raise forms.ValidationError(_("The option date cannot be in the past."))
        return option_date


class CloseForm(StripsBidiControls, forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "---------"), *LostReason.choices])
    competitor = forms.CharField(label=_("Competitor"), required=False, max_length=200)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


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
        label=_("Existing booking"),
        queryset=Booking.objects.exclude(status__in=Booking.CLOSED),
        required=False,
        widget=Lookup("reservations:booking-lookup", Booking),
    )
    new_name = forms.CharField(label=_("Or a new booking named"), max_length=200, required=False)
    new_kind = forms.ChoiceField(label=_("Type"), choices=Booking.Kind.choices, initial=Booking.Kind.BANQUET)
    new_account = forms.ModelChoiceField(
        label=_("Account"),
        queryset=Account.objects.all(),
        required=False,
        widget=Lookup("clienthistory:account-lookup", Account),
    )
    new_status = forms.ChoiceField(
        label=_("Status"),
        choices=OPENING_STATUSES,
        initial=Booking.Status.TENTATIVE,
    )
    option_date = NearDateField(label=_("Option date"), required=False)

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


def _marks_new(client: str) -> dict:
    """The attributes of a new client's field: the inquiry page asks for look-alikes in the files as it is typed,
    and "use this" empties it (static/js/app.js)."""
    return {"data-new-client": client}


class InquiryForm(StripsBidiControls, forms.Form):
    """An inquiry taken in one go: the client (an account in the files or a new one), its contact (likewise),
    and the booking. The first event's fields are reservations.functionspace.forms.FirstEventForm's."""

    account = forms.ModelChoiceField(
        label=_("Account in the files"),
        queryset=Account.objects.all(),
        required=False,
        widget=Lookup("clienthistory:account-lookup", Account),
    )
    account_name = forms.CharField(
        label=_("Or a new account named"), max_length=200, required=False, widget=forms.TextInput(_marks_new("account"))
    )
    account_kind = forms.ChoiceField(label=_("Type of account"), choices=Account.Kind.choices)
    account_phone = forms.CharField(
        label=_("Account phone"), max_length=40, required=False, widget=forms.TextInput(_marks_new("account"))
    )
    contact = forms.ModelChoiceField(
        label=_("Contact in the files"),
        queryset=Profile.objects.filter(merged_into=None),
        required=False,
        widget=contact_lookup(),
    )
    contact_name = forms.CharField(
        label=_("Or a new contact named"), max_length=100, required=False, widget=forms.TextInput(_marks_new("contact"))
    )
    contact_title = forms.CharField(label=_("Job title"), max_length=100, required=False)
    contact_mobile = forms.CharField(
        label=_("Mobile"), max_length=24, required=False, widget=forms.TextInput(_marks_new("contact"))
    )
    contact_email = forms.EmailField(label=_("Email"), required=False, widget=forms.EmailInput(_marks_new("contact")))
    kind = forms.ChoiceField(label=_("Type"), choices=Booking.Kind.choices, initial=Booking.Kind.BANQUET)
    name = forms.CharField(
        label=_("Booking name"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to name it after the client and the type."),
    )
    segment = forms.ChoiceField(
        label=_("Market segment"),
        choices=[("", _("Same as the account")), *Segment.choices],
        required=False,
        help_text=_("Left empty, the booking takes the account's market segment."),
    )
    owner = StaffChoiceField(queryset=staff_who_sell(), label=_("Owner"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=OPENING_STATUSES,
        initial=Booking.Status.PROSPECT,
    )
    option_date = NearDateField(label=_("Option date"), required=False)
    offer_code = Booking._meta.get_field("offer_code").formfield(form_class=OfferCodeField)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    with_event = forms.BooleanField(label=_("With its first event"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_who_sell()

    def clean_account_name(self):
        return " ".join(self.cleaned_data["account_name"].split())

    def clean_contact_name(self):
        return " ".join(self.cleaned_data["contact_name"].split())

    def clean_contact_mobile(self):
        mobile = normalise_mobile(self.cleaned_data["contact_mobile"])
        if mobile:
            mobile_validator(mobile)
        return mobile

    def clean_contact_email(self):
        return self.cleaned_data["contact_email"].lower()

    def clean_option_date(self):
        option_date = self.cleaned_data["option_date"]
        if option_date and option_date < timezone.localdate():
            raise forms.ValidationError(_("The option date cannot be in the past."))
        return option_date

    def clean(self):
        cleaned = super().clean()
        self._clean_account(cleaned)
        self._clean_contact(cleaned)
        tentative = cleaned.get("status") == Booking.Status.TENTATIVE
        if tentative and not cleaned.get("option_date") and "option_date" not in self.errors:
            self.add_error("option_date", _("A tentative booking needs an option date."))
        if not cleaned.get("segment") and not cleaned.get("account") and not cleaned.get("contact_account"):
            self.add_error("segment", _("Choose the market segment: there is no account in the files to take it from."))
        return cleaned

    def _clean_account(self, cleaned):
        account, name = cleaned.get("account"), cleaned.get("account_name")
        if account and name:
            self.add_error("account_name", _("Choose an account in the files or name a new one, not both."))
        elif name and Account.objects.filter(name__iexact=name).exists():
            self.add_error("account_name", _("%(name)s is already in the files: choose it above.") % {"name": name})
        if cleaned.get("account_phone") and not name:
            self.add_error("account_phone", _("The phone is for a new account only."))

    def _clean_contact(self, cleaned):
        contact, name = cleaned.get("contact"), cleaned.get("contact_name")
        new_details = [cleaned.get(field) for field in ("contact_title", "contact_mobile", "contact_email")]
        if contact and name:
            self.add_error("contact_name", _("Choose a contact in the files or name a new one, not both."))
        elif any(new_details) and not name:
            self.add_error("contact_name", _("Give the new contact's name."))
        if not (contact or name or cleaned.get("account") or cleaned.get("account_name")):
            raise forms.ValidationError(_("Name the client: an account or a contact, in the files or new."))
        if contact and cleaned.get("account_name") and contact.account_id:
            self.add_error(
                "contact",
                _("%(contact)s works for %(other)s; choose a contact of the new account or name one.")
                % {"contact": contact.name, "other": contact.account.name},
            )
        refuse_contact_of_another_account(self)
        cleaned["contact_account"] = contact.account if contact and not cleaned.get("account") else None
        mobile = cleaned.get("contact_mobile")
        holder = Profile.objects.filter(merged_into=None, mobile=mobile).first() if name and mobile else None
        if holder:
            self.add_error(
                "contact_mobile",
                _("This mobile is %(name)s's, already in the files: choose them above.") % {"name": holder.name},
            )

    def account_to_create(self) -> Account | None:
        data = self.cleaned_data
        if not data["account_name"]:
            return None
        return Account(
            name=data["account_name"],
            kind=data["account_kind"],
            phone=data["account_phone"],
            segment=data["segment"] or Segment.CORPORATE,
            owner=data["owner"],
        )

    def contact_to_create(self) -> Profile | None:
        data = self.cleaned_data
        if not data["contact_name"]:
            return None
        return Profile(
            name=data["contact_name"], title=data["contact_title"], mobile=data["contact_mobile"],
            email=data["contact_email"],
        )  # fmt: skip

    def booking_to_create(self, *, event_title: str = "") -> Booking:
        """The booking, unsaved: its account and contact are those in the files (new ones are set when saved).
        Unnamed, it is named after the client and its first event (or its type): 张伟婚宴, 蓝海科技年会."""
        data = self.cleaned_data
        account = data["account"] or data["contact_account"]
        segment = data["segment"] or (account.segment if account else Segment.CORPORATE)
        what = event_title or Booking.Kind(data["kind"]).label
        contact = data["contact_name"] or (data["contact"].name if data["contact"] else "")
        client = data["account_name"] or (account.name if account else "") or contact
        return Booking(
            kind=data["kind"],
            name=data["name"] or _("%(client)s, %(what)s") % {"client": client, "what": what},
            account=account,
            contact=data["contact"],
            owner=data["owner"],
            segment=segment,
            offer_code=data["offer_code"],
            notes=data["notes"],
        )


class SendDocumentForm(StripsBidiControls, forms.Form):
    """Send the proposal, or an event's BEO, to the client by email with a link to accept it."""

    to = forms.EmailField(label=_("Client's email"), max_length=254)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    days = forms.IntegerField(label=_("Link valid for (days)"), min_value=1, max_value=settings.PROPOSAL_LINK_MAX_DAYS)
    note = forms.CharField(
        label=_("Covering note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown above the link in the email."),
    )

    def __init__(self, *args, booking: Booking, **kwargs):
        contact = booking.contact
        kwargs.setdefault(
            "initial",
            {
                "to": contact.email if contact else (booking.account.email if booking.account else ""),
                "language": booking.account.letter_language if booking.account else settings.LANGUAGE_CODE,
                "days": settings.PROPOSAL_LINK_DAYS,
            },
        )
        super().__init__(*args, **kwargs)


class AcceptForm(StripsBidiControls, forms.Form):
    name = forms.CharField(label=_("Your full name"), max_length=100)
    agree = forms.BooleanField(label=_("I accept this document on behalf of the client."))


class ChangesForm(StripsBidiControls, forms.Form):
    message = forms.CharField(
        label=_("What should we change?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
