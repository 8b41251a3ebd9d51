"""Forms of the guest-care pages: VIP templates and arrangements, complaints from logging to the callback."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clienthistory.forms import StaffChoiceField
from clienthistory.models import Profile
from hotelsales.forms import NearDateTimeField, StripsBidiControls
from hotelsales.roles import Role
from hotelsales.search import clean_query
from hotelsales.widgets import DatePicker, Lookup
from reservations.guestcare.queries import overdue_response
from reservations.models import (
    Complaint,
    Department,
    Event,
    Reservation,
    Satisfaction,
    VipArrangement,
    VipTemplateTask,
)

BEFORE, AFTER = "before", "after"
BLANK = ("", "---------")
MAX_OFFSET_HOURS = 24 * 14


def care_staff():
    """The staff who look after guests: front desk, sales and managers."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.FRONT_DESK, Role.SALES, Role.MANAGER])
        .distinct()
        .order_by("first_name", "username")
    )


def describe_offset(minutes: int) -> str:
    """A task's timing as people say it: "2 h 30 min before", "at arrival", "45 min after"."""
    if minutes == 0:
        return gettext("at arrival")
    hours, rest = divmod(abs(minutes), 60)
    if hours and rest:
        duration = gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
    elif hours:
        duration = gettext("%(hours)d h") % {"hours": hours}
    else:
        duration = gettext("%(minutes)d min") % {"minutes": rest}
    if minutes < 0:
        return gettext("%(duration)s before") % {"duration": duration}
    return gettext("%(duration)s after") % {"duration": duration}


class TimingMixin(forms.Form):
    """Hours and minutes before or after the arrival (or the event's start), kept as signed minutes."""

    when = forms.ChoiceField(
        label=_("When"), choices=[(BEFORE, _("before arrival or start")), (AFTER, _("after arrival or start"))]
    )
    hours = forms.IntegerField(label=_("Hours"), min_value=0, max_value=MAX_OFFSET_HOURS, initial=0)
    minutes = forms.IntegerField(label=_("Minutes"), min_value=0, max_value=59, initial=0)

    def timing_initial(self, offset_minutes: int) -> dict:
        hours, minutes = divmod(abs(offset_minutes), 60)
        return {"when": BEFORE if offset_minutes < 0 else AFTER, "hours": hours, "minutes": minutes}

    def offset_minutes(self) -> int:
        data = self.cleaned_data
        total = data["hours"] * 60 + data["minutes"]
        return -total if data["when"] == BEFORE else total


class VipTemplateTaskForm(StripsBidiControls, TimingMixin, forms.ModelForm):
    class Meta:
        model = VipTemplateTask
        fields = ["department", "description"]

    field_order = ["department", "when", "hours", "minutes", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.update(self.timing_initial(self.instance.offset_minutes))

    def clean(self):
        cleaned = super().clean()
        if not any(self.has_error(name) for name in ("when", "hours", "minutes")):
            self.instance.offset_minutes = self.offset_minutes()
        return cleaned


class VipTaskForm(StripsBidiControls, TimingMixin, forms.Form):
    """A task added to one arrangement by hand."""

    department = forms.ChoiceField(label=_("Department"), choices=Department.choices)
    description = forms.CharField(label=_("Task"), max_length=300)

    field_order = ["department", "when", "hours", "minutes", "description"]


class VipArrangementForm(StripsBidiControls, forms.ModelForm):
    anchor = NearDateTimeField(label=_("Arrival or start"), help_text=_("Moving it moves every task with it."))
    owner = StaffChoiceField(queryset=care_staff(), label=_("Owner"), required=False)

    class Meta:
        model = VipArrangement
        fields = ["owner", "fruit", "flowers", "wine", "welcome_card", "greeter", "upgrade_note", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    field_order = ["anchor", "owner", "fruit", "flowers", "wine", "welcome_card", "greeter", "upgrade_note", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = care_staff()
        self.initial.setdefault("anchor", self.instance.anchor)


class ComplaintForm(StripsBidiControls, forms.Form):
    guest = forms.ModelChoiceField(
        label=_("Guest"),
        queryset=Profile.objects.filter(merged_into=None),
        required=False,
        widget=Lookup("clienthistory:profile-lookup", Profile),
    )
    reservation = forms.ModelChoiceField(
        label=_("Stay"),
        queryset=Reservation.objects.all(),
        required=False,
        widget=Lookup("reservations:complaint-stay-lookup", Reservation),
        help_text=_("Confirmation number or guest name."),
    )
    event = forms.ModelChoiceField(
        label=_("Event"),
        queryset=Event.objects.all(),
        required=False,
        widget=Lookup("reservations:complaint-event-lookup", Event),
        help_text=_("Event title or booking name."),
    )
    category = forms.ChoiceField(label=_("Category"), choices=[BLANK, *Complaint.Category.choices])
    department = forms.ChoiceField(label=_("Department responsible"), choices=[BLANK, *Department.choices])
    severity = forms.ChoiceField(
        label=_("Severity"), choices=Complaint.Severity.choices, initial=Complaint.Severity.MEDIUM
    )
    source = forms.ChoiceField(label=_("Source"), choices=Complaint.Source.choices, initial=Complaint.Source.IN_PERSON)
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    assigned_to = StaffChoiceField(queryset=care_staff(), label=_("Assigned to"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = care_staff()

    def clean_reservation(self):
        """A confirmation number typed in full counts as choosing that stay."""
        reservation = self.cleaned_data["reservation"]
        typed = clean_query(self.data.get(self.add_prefix("reservation__search"), ""))
        if reservation is None and typed:
            reservation = Reservation.objects.filter(confirmation__iexact=typed).first()
            if reservation is None:
                raise forms.ValidationError(
                    _("No stay has the confirmation number %(number)s."), params={"number": typed}
                )
        return reservation

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reservation") and cleaned.get("event"):
            self.add_error("event", _("A complaint is about a stay or an event, not both."))
        return cleaned


class RespondForm(StripsBidiControls, forms.Form):
    first_response = forms.CharField(
        label=_("First response"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000,
        help_text=_("What was done or said to the guest."),
    )  # fmt: skip


class ResolveForm(StripsBidiControls, forms.Form):
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    compensation = forms.DecimalField(
        label=_("Compensation"), min_value=0, max_digits=12, decimal_places=2, initial=0, required=False
    )
    approve = forms.BooleanField(label=_("I approve this compensation"), required=False)

    def __init__(self, *args, may_approve: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if may_approve:
            self.fields["compensation"].help_text = _("Tick the approval below to grant it.")
        else:
            del self.fields["approve"]
            self.fields["compensation"].help_text = _(
                "Compensation needs a manager: a manager resolves this complaint on this page."
            )

    def clean_compensation(self):
        return self.cleaned_data["compensation"] or 0


class CallbackForm(StripsBidiControls, forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("How satisfied is the guest?"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Callback note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )


class ComplaintFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=Complaint.Status.choices)
    department = django_filters.ChoiceFilter(label=_("Department"), choices=Department.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Complaint.Category.choices)
    severity = django_filters.ChoiceFilter(label=_("Severity"), choices=Complaint.Severity.choices)
    overdue = django_filters.BooleanFilter(
        label=_("First response overdue"), method="filter_overdue", widget=forms.CheckboxInput
    )
    escalated = django_filters.BooleanFilter(
        label=_("Escalated to a manager"), method="filter_escalated", widget=forms.CheckboxInput
    )
    received_from = django_filters.DateFilter(
        label=_("Received from"), field_name="received_at", lookup_expr="date__gte", widget=DatePicker()
    )
    received_to = django_filters.DateFilter(
        label=_("Received until"), field_name="received_at", lookup_expr="date__lte", widget=DatePicker()
    )

    class Meta:
        model = Complaint
        fields = ["status", "department", "category", "severity", "overdue", "escalated"]

    def __init__(self, *args, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_response(self.now)) if value else queryset

    def filter_escalated(self, queryset, name, value):
        return queryset.filter(escalated_at__isnull=False) if value else queryset
