from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clienthistory.calendar import Span
from clienthistory.models import Account, Activity, CreditAssessment, Preference, Profile, VipLevel
from clienthistory.staff import StaffChoiceField, staff_who_sell
from hotelsales.forms import DateField, NearDateField, NearDateTimeField, StripsBidiControls
from hotelsales.widgets import Lookup


def refuse_contact_of_another_account(form: forms.Form) -> None:
    """A contact who works for another account than the one chosen is refused on the contact field (a contact
    with no account may go with any)."""
    account, contact = form.cleaned_data.get("account"), form.cleaned_data.get("contact")
    if account and contact and contact.account_id not in (None, account.pk):
        form.add_error(
            "contact",
            _("%(contact)s works for %(other)s, not for %(account)s. Choose one of %(account)s's people.")
            % {"contact": contact.name, "other": contact.account.name, "account": account.name},
        )


def contact_lookup() -> Lookup:
    """The contact field's lookup: the chosen account's people come first."""
    return Lookup("clienthistory:profile-lookup", Profile, within="account")


class AccountForm(StripsBidiControls, forms.ModelForm):
    owner = StaffChoiceField(queryset=staff_who_sell(), required=False, label=_("Owner"))

    class Meta:
        model = Account
        fields = [
            "name", "kind", "owner", "segment", "status", "phone", "email", "address",
            "letter_language", "payment_terms_days", "notes",
        ]  # fmt: skip
        widgets = {"address": forms.Textarea(attrs={"rows": 2}), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, sees_credit: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_who_sell()
        if not sees_credit:
            del self.fields["payment_terms_days"]

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class CreditAssessmentForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = CreditAssessment
        fields = ["assessed_on", "rating", "limit", "note"]
        field_classes = {"assessed_on": NearDateField}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].initial = timezone.localdate()


def normalise_mobile(value: str) -> str:
    """Drop the separators people type: '138 0013-8000' and '13800138000' are the same mobile.

    Anything else (letters) is left for the validator to refuse.
    """
    return "".join(ch for ch in value.strip() if ch not in " -().")


class ProfileForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "name", "account", "title", "mobile", "email", "birthday", "anniversary", "language",
            "vip_level", "marketing_consent", "notes",
        ]  # fmt: skip
        field_classes = {"birthday": DateField, "anniversary": DateField}
        widgets = {
            "account": Lookup("clienthistory:account-lookup", Account),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vip_level"].queryset = VipLevel.objects.filter(active=True)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_mobile(self):
        return normalise_mobile(self.cleaned_data["mobile"])

    def clean_email(self):
        return self.cleaned_data["email"].lower()


class PreferenceForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["category", "text"]


class VipLevelForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = VipLevel
        fields = ["code", "rank", "name_zh", "name_en", "description", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ActivityForm(StripsBidiControls, forms.ModelForm):
    """A planned activity, or one that already took place: with its outcome it is done at once, and a next step
    with a date becomes the follow-up activity (see `clienthistory.activities.log_activity`)."""

    owner = StaffChoiceField(queryset=staff_who_sell(), label=_("Owner"))
    done = forms.BooleanField(
        label=_("Done"), required=False, help_text=_("An activity in the past with an outcome is done anyway.")
    )
    next_kind = forms.ChoiceField(label=_("Next step: type"), choices=Activity.Kind.choices, required=False)
    next_due_at = NearDateTimeField(label=_("Next step: when"), required=False)
    field_order = ["kind", "account", "contact", "owner", "due_at", "duration_minutes", "purpose", "outcome", "done"]

    class Meta:
        model = Activity
        fields = [
            "kind", "account", "contact", "owner", "due_at", "duration_minutes", "purpose", "outcome", "next_step",
        ]  # fmt: skip
        field_classes = {"due_at": NearDateTimeField}
        widgets = {
            "account": Lookup("clienthistory:account-lookup", Account),
            "contact": contact_lookup(),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "next_step": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, can_assign: bool = True, now=None, **kwargs):
        """Without `can_assign` (a salesperson) the activity stays with the owner it was created for. An activity
        already done keeps its state: the done box and the follow-up belong to the moment it is done."""
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        if can_assign:
            self.fields["owner"].queryset = staff_who_sell()
        else:
            del self.fields["owner"]
        if self.instance.done:
            for name in ("done", "next_kind", "next_due_at"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("account") and not cleaned.get("contact"):
            raise forms.ValidationError(_("Choose the account or the contact the activity is with."))
        refuse_contact_of_another_account(self)
        if "done" in self.fields:
            self._clean_done(cleaned)
        return cleaned

    def _clean_done(self, cleaned):
        due_at, outcome = cleaned.get("due_at"), cleaned.get("outcome")
        done = cleaned["done"] = cleaned["done"] or bool(due_at and outcome and due_at <= self.now)
        if done and not outcome:
            self.add_error("outcome", _("Say how it went."))
        if done and due_at and due_at > self.now:
            self.add_error("done", _("An activity still to come cannot be done."))
        next_step, next_due_at = cleaned.get("next_step"), cleaned.get("next_due_at")
        if next_due_at and not next_step:
            self.add_error("next_step", _("Say what the next step is."))
        if done and next_step and not next_due_at and "next_due_at" not in self.errors:
            self.add_error("next_due_at", _("Give the date of the next step; it becomes the follow-up activity."))
        limit = Activity._meta.get_field("purpose").max_length
        if next_due_at and next_step and len(next_step) > limit:
            self.add_error("next_step", _("Keep the next step to %(limit)s characters.") % {"limit": limit})
        if next_due_at and due_at and next_due_at <= due_at:
            self.add_error("next_due_at", _("The next step comes after this activity."))


class ActivityDoneForm(StripsBidiControls, forms.Form):
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}))
    next_step = forms.CharField(label=_("Next step"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CalendarForm(forms.Form):
    """The calendar's query string: week or month, around which date, and (for managers) whose activities.

    Each field is optional; one that does not validate falls back to its default (this week, your own).
    """

    view = forms.ChoiceField(label=_("View"), choices=Span.choices, required=False)
    date = DateField(label=_("Date"), required=False)
    owner = StaffChoiceField(queryset=staff_who_sell(), label=_("Salesperson"), required=False, empty_label=_("Mine"))

    def __init__(self, *args, choose_owner: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if choose_owner:
            self.fields["owner"].queryset = staff_who_sell()
        else:
            del self.fields["owner"]
