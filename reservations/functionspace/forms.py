"""Forms of function space: an event, and the configuration of function rooms, their setups and equipment."""

from decimal import Decimal

from django import forms
from django.db.models import F, Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from hotelsales.forms import NearDateField, NearDateTimeField, StripsBidiControls
from hotelsales.punctuation import word_list
from reservations.models import (
    Booking,
    Event,
    EventResource,
    FunctionRoom,
    Menu,
    Package,
    Resource,
    RoomSetup,
    SetupStyle,
)
from reservations.models.functionspace import TABLE_SEATS


class EventForm(StripsBidiControls, forms.ModelForm):
    """An event's fields, plus one quantity field per piece of equipment the hotel owns."""

    class Meta:
        model = Event
        fields = [
            "title", "room", "start", "end", "setup", "expected", "guaranteed", "actual", "overset_percent",
            "guarantee_due_on", "chosen_menu", "package", "pricing", "menu", "menu_price", "tables", "spare_tables",
            "spare_tables_used", "beverage_menu", "beverage_pricing", "beverage_price", "beverage_package",
            "room_rental", "fnb_minimum", "kitchen_notes", "service_notes", "setup_notes", "av_notes",
            "decoration_notes", "signage_notes",
        ]  # fmt: skip
        field_classes = {"start": NearDateTimeField, "end": NearDateTimeField, "guarantee_due_on": NearDateField}
        widgets = {
            **{
                name: forms.Textarea(attrs={"rows": 2})
                for name in [
                    "menu",
                    "kitchen_notes",
                    "service_notes",
                    "setup_notes",
                    "av_notes",
                    "decoration_notes",
                    "signage_notes",
                ]
            },
        }

    def __init__(self, *args, resources=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = FunctionRoom.objects.filter(active=True)
        # An inactive menu or package an event already has stays valid on it; new events are offered active ones.
        if "chosen_menu" in self.fields:
            self.fields["chosen_menu"].queryset = Menu.objects.filter(
                Q(active=True) | Q(pk=self.instance.chosen_menu_id or 0), kind=Menu.Kind.BANQUET
            )
            self.fields["package"].queryset = Package.objects.filter(
                Q(active=True) | Q(pk=self.instance.package_id or 0)
            )
        if "beverage_menu" in self.fields:
            self.fields["beverage_menu"].queryset = Menu.objects.filter(
                Q(active=True) | Q(pk=self.instance.beverage_menu_id or 0), kind=Menu.Kind.BEVERAGE
            )
        if "beverage_pricing" in self.fields:
            # Left out, beverages are priced per person, as they were before beverage packages had a pricing.
            self.fields["beverage_pricing"].required = False
        if "guarantee_due_on" in self.fields:
            self.fields["guarantee_due_on"].required = False
            self.fields["guarantee_due_on"].help_text = _(
                "Leave empty for the default number of days before the start."
            )
        self.resources = list(resources if resources is not None else Resource.objects.filter(active=True))
        held = (
            {line.resource_id: line.quantity for line in self.instance.resource_lines.all()} if self.instance.pk else {}
        )
        for resource in self.resources:
            self.fields[f"resource_{resource.pk}"] = forms.IntegerField(
                label=str(resource), min_value=0, max_value=resource.quantity, required=False,
                initial=held.get(resource.pk, 0),
            )  # fmt: skip

    def resource_fields(self):
        return [self[f"resource_{resource.pk}"] for resource in self.resources]

    def wanted_resources(self) -> dict[Resource, int]:
        return {
            resource: self.cleaned_data[f"resource_{resource.pk}"]
            for resource in self.resources
            if self.cleaned_data.get(f"resource_{resource.pk}")
        }

    def clean_beverage_pricing(self):
        return self.cleaned_data["beverage_pricing"] or Event.Pricing.PER_PERSON

    def clean(self):
        cleaned = super().clean()
        self._price_from_choice(cleaned)
        self._beverages_from_choice(cleaned)
        if cleaned.get("pricing") == Event.Pricing.PER_TABLE and not cleaned.get("tables"):
            self.add_error("tables", _("Give the number of tables for a menu priced per table."))
        return cleaned

    def _price_from_choice(self, cleaned: dict) -> None:
        """A newly chosen menu or package gives the pricing and the price, unless the same post changed them:
        the price stays the event's own, the library's is the default."""
        choice = None
        if "package" in self.changed_data and cleaned.get("package"):
            choice = cleaned["package"]
        elif "chosen_menu" in self.changed_data and cleaned.get("chosen_menu"):
            choice = cleaned["chosen_menu"]
        if choice is None:
            return
        if "pricing" not in self.changed_data or isinstance(choice, Package):
            cleaned["pricing"] = choice.pricing
        if "menu_price" not in self.changed_data:
            cleaned["menu_price"] = choice.price

    def _beverages_from_choice(self, cleaned: dict) -> None:
        """A newly chosen beverage package gives how beverages are priced and their price, as a menu does, unless
        the same post changed them (left empty, they were not given)."""
        choice = cleaned.get("beverage_menu") if "beverage_menu" in self.changed_data else None
        if choice is None:
            return
        if not self._given("beverage_pricing"):
            cleaned["beverage_pricing"] = choice.pricing
        if not self._given("beverage_price"):
            cleaned["beverage_price"] = choice.price

    def _given(self, name: str) -> bool:
        return name in self.changed_data and self[name].data not in (None, "")


class FirstEventForm(EventForm):
    """The first event of an inquiry: what the client asked for (room, time, counts, a menu or package from the
    library, a beverage package, and the prices); equipment and the BEO's notes come later on the event's own
    form. A package is checked as on the event's form (a wedding package's fewest tables)."""

    class Meta(EventForm.Meta):
        fields = [
            "title", "room", "start", "end", "setup", "expected", "chosen_menu", "package", "pricing", "menu_price",
            "tables", "menu", "beverage_menu", "beverage_pricing", "beverage_price",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, resources=[], **kwargs)
        self.fields["tables"].required = False
        self.fields["beverage_price"].required = False

    def clean_tables(self):
        return self.cleaned_data["tables"] or 0

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("beverage_price") is None and "beverage_price" not in self.errors:
            cleaned["beverage_price"] = Decimal("0")
        return cleaned


class FunctionRoomForm(StripsBidiControls, forms.ModelForm):
    """A function room; a combination (a ballroom) is made of single rooms, which cannot be combinations too."""

    class Meta:
        model = FunctionRoom
        fields = [
            "code", "name_zh", "name_en", "area_sqm", "floor", "setup_buffer_minutes", "teardown_buffer_minutes",
            "sort_order", "active", "sections",
        ]  # fmt: skip
        widgets = {"sections": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["sections"]
        field.help_text = _(
            "Tick the single rooms this room combines, as a ballroom combines its sections; booking it then blocks "
            "each of them. Leave empty for a single room."
        )
        # Any room validates, so that a wrong choice gets a message saying why; single rooms are offered.
        field.queryset = FunctionRoom.objects.all()
        offered = FunctionRoom.objects.filter(sections__isnull=True).exclude(pk=self.instance.pk).distinct()
        field.widget.choices = [(room.pk, f"{room.code} · {room.name}") for room in offered]

    def clean_sections(self):
        sections = list(self.cleaned_data["sections"])
        if not sections:
            return sections
        if self.instance.pk and any(section.pk == self.instance.pk for section in sections):
            raise forms.ValidationError(_("A room cannot be a section of itself."))
        combined = FunctionRoom.objects.filter(pk__in=[s.pk for s in sections], sections__isnull=False).distinct()
        if combined:
            raise forms.ValidationError(
                _("%(rooms)s is made of sections itself; a combination can only be made of single rooms.")
                % {"rooms": word_list(room.name for room in combined)}
            )
        if len(sections) < 2:
            raise forms.ValidationError(_("A combination is made of at least two sections."))
        parents = list(self.instance.combinations.all()) if self.instance.pk else []
        if parents:
            raise forms.ValidationError(
                _("This room is a section of %(rooms)s, so it cannot be made of sections itself.")
                % {"rooms": word_list(room.name for room in parents)}
            )
        return sections


class RoomSetupForm(forms.ModelForm):
    class Meta:
        model = RoomSetup
        fields = ["style", "min_capacity", "max_capacity"]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_capacity"), cleaned.get("max_capacity")
        if low is not None and high is not None and low > high:
            self.add_error("min_capacity", _("The minimum cannot be above the maximum."))
        return cleaned


class BaseRoomSetupFormSet(forms.BaseInlineFormSet):
    """A room's setups: each style once, and none taken away or made smaller than events to come need (R3)."""

    def clean(self):
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        styles = [form.cleaned_data["style"] for form in kept if form.cleaned_data.get("style")]
        twice = sorted({style for style in styles if styles.count(style) > 1})
        if twice:
            raise forms.ValidationError(
                _("Give each setup once: %(setups)s appears more than once.")
                % {"setups": word_list(SetupStyle(style).label for style in twice)}
            )
        taken = sorted({style for style in styles if style in self._styles_not_shown()})
        if taken:
            raise forms.ValidationError(
                _("The room already has the %(setups)s setup (added since this page was opened): reload the page.")
                % {"setups": ", ".join(str(SetupStyle(style).label) for style in taken)}
            )
        super().clean()
        needed = self._needed_by_events_to_come()
        for form in kept:
            style, high = form.cleaned_data.get("style"), form.cleaned_data.get("max_capacity")
            if style in needed and high is not None and high < needed[style]:
                form.add_error(
                    "max_capacity",
                    _("Events to come expect up to %(count)s people in this setup.") % {"count": needed[style]},
                )
        dropped = sorted(set(needed) - set(styles))
        if dropped:
            raise forms.ValidationError(
                _("Events to come use the %(setups)s setup; keep it or move those events first.")
                % {"setups": word_list(SetupStyle(style).label for style in dropped)}
            )

    def _styles_not_shown(self) -> set[str]:
        """The room's setups that the posted forms do not carry: the database holds each style once per room, and
        the forms are checked against each other only."""
        if not self.instance.pk:
            return set()
        shown = [form.instance.pk for form in self.initial_forms if form.instance.pk]
        return set(self.instance.setups.exclude(pk__in=shown).values_list("style", flat=True))

    def _needed_by_events_to_come(self) -> dict[str, int]:
        """The most people (or tables of 10, spare tables included) an open event to come in this room expects,
        per setup."""
        if not self.instance.pk:
            return {}
        rows = (
            Event.objects.filter(room=self.instance, end__gt=timezone.now())
            .exclude(booking__status__in=Booking.CLOSED)
            .values("setup")
            .annotate(
                people=Max(Greatest("expected", Coalesce("guaranteed", 0))),
                tables=Max(F("tables") + F("spare_tables")),
            )
        )
        return {row["setup"]: max(row["people"], row["tables"] * TABLE_SEATS) for row in rows}


# A posted form count is capped: Django would otherwise build (and render back) up to 2,000 forms for one post.
MAX_SETUPS = 20
RoomSetupFormSet = forms.inlineformset_factory(
    FunctionRoom, RoomSetup, form=RoomSetupForm, formset=BaseRoomSetupFormSet, extra=2, can_delete=True,
    max_num=MAX_SETUPS, validate_max=True, absolute_max=MAX_SETUPS,
)  # fmt: skip


class ResourceForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = Resource
        fields = ["name_zh", "name_en", "quantity", "unit_price", "active"]

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if self.instance.pk:
            peak, when = self._peak_use_to_come()
            if quantity < peak:
                raise forms.ValidationError(
                    _("%(peak)s pieces are booked at the same time on %(date)s; keep at least that many.")
                    % {"peak": peak, "date": formats.date_format(timezone.localdate(when), "SHORT_DATE_FORMAT")}
                )
        return quantity

    def _peak_use_to_come(self):
        """The most pieces events to come of space-holding bookings use at one time, and when."""
        lines = EventResource.objects.filter(
            resource=self.instance, event__end__gt=timezone.now(), event__booking__status__in=Booking.HOLDING
        ).values_list("event__start", "event__end", "quantity")
        # Ends sort before starts at the same moment: back-to-back events share the pieces.
        points = sorted(
            [(start, 1, quantity) for start, _end, quantity in lines]
            + [(end, 0, -quantity) for _start, end, quantity in lines]
        )
        peak, when, using = 0, None, 0
        for moment, _kind, change in points:
            using += change
            if using > peak:
                peak, when = using, moment
        return peak, when
