"""Forms of the rates: seasons, the grid of public rates, and an account's rate agreement with its lines."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from hotelsales.forms import NearDateField, StripsBidiControls
from reservations.models import AgreementRate, DayType, PublicRate, RateAgreement, RoomType, Season
from reservations.models.rates import MAX_AGREEMENT_DAYS, MAX_SEASON_DAYS, agreement_too_long

# A room type has one line of its own in an agreement, and there is one line for every room type.
MAX_AGREEMENT_LINES = 40


def _period(first, last) -> str:
    return f"{formats.date_format(first, 'SHORT_DATE_FORMAT')}–{formats.date_format(last, 'SHORT_DATE_FORMAT')}"


class SeasonForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = Season
        fields = ["name_zh", "name_en", "starts_on", "ends_on"]
        field_classes = {"starts_on": NearDateField, "ends_on": NearDateField}

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("starts_on"), cleaned.get("ends_on")
        if not (first and last):
            return cleaned
        if last < first:
            self.add_error("ends_on", _("The last day cannot be before the first."))
        elif (last - first).days >= MAX_SEASON_DAYS:
            self.add_error("ends_on", _("A season lasts at most %(days)s days.") % {"days": MAX_SEASON_DAYS})
        else:
            other = (
                Season.objects.filter(starts_on__lte=last, ends_on__gte=first)
                .exclude(pk=self.instance.pk)
                .order_by("starts_on")
                .first()
            )
            if other is not None:
                self.add_error(
                    "starts_on",
                    _("These days overlap the season %(name)s (%(period)s).")
                    % {"name": other.name, "period": _period(other.starts_on, other.ends_on)},
                )
        return cleaned


def _cell_name(room_type: RoomType, season: Season | None, day_type: str) -> str:
    return f"rate_{room_type.pk}_{season.pk if season else 0}_{day_type}"


class PublicRateGridForm(forms.Form):
    """One field per room type, season (or outside seasons) and day type; an empty field has no rate of its own."""

    def __init__(self, *args, room_types: list[RoomType], seasons: list[Season], rates: list[PublicRate], **kwargs):
        super().__init__(*args, **kwargs)
        self.room_types = room_types
        amounts = {(rate.room_type_id, rate.season_id, rate.day_type): rate.amount for rate in rates}
        self.cells = {}
        for season in [None, *seasons]:
            for day_type in DayType:
                for room_type in room_types:
                    name = _cell_name(room_type, season, day_type)
                    self.fields[name] = forms.DecimalField(
                        label=f"{room_type.code} {season.name if season else ''} {day_type.label}",
                        min_value=0,
                        max_digits=10,
                        decimal_places=2,
                        required=False,
                        initial=amounts.get((room_type.pk, season.pk if season else None, day_type)),
                    )
                    self.cells[(room_type, season, day_type)] = name

    def rows(self) -> list[tuple[Season | None, DayType, list]]:
        """The grid's rows (season × day type), each with its fields in the order of the room types."""
        rows = {}
        for (_room_type, season, day_type), name in self.cells.items():
            rows.setdefault((season, day_type), []).append(self[name])
        return [(season, day_type, fields) for (season, day_type), fields in rows.items()]

    def amounts(self) -> dict:
        return {cell: self.cleaned_data.get(name) for cell, name in self.cells.items()}


class RateAgreementForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = RateAgreement
        fields = ["valid_from", "valid_until", "breakfast_included", "last_room_availability", "note"]
        field_classes = {"valid_from": NearDateField, "valid_until": NearDateField}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("valid_from"), cleaned.get("valid_until")
        if not (first and last):
            return cleaned
        if last < first:
            self.add_error("valid_until", _("The last day cannot be before the first."))
        elif (last - first).days >= MAX_AGREEMENT_DAYS:
            self.add_error("valid_until", agreement_too_long())
        else:
            other = (
                RateAgreement.objects.filter(
                    account=self.instance.account, valid_from__lte=last, valid_until__gte=first
                )
                .exclude(pk=self.instance.pk)
                .order_by("valid_from")
                .first()
            )
            if other is not None:
                self.add_error(
                    "valid_from",
                    _("This account already has an agreement for %(period)s; the periods may not overlap.")
                    % {"period": _period(other.valid_from, other.valid_until)},
                )
        return cleaned


class AgreementRateForm(forms.ModelForm):
    class Meta:
        model = AgreementRate
        fields = ["room_type", "amount", "discount_percent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room_type"].queryset = RoomType.objects.filter(active=True)
        self.fields["room_type"].empty_label = _("Every room type")

    def has_changed(self):
        # A line copied from the agreement being renewed is new data to save, though nobody typed it.
        return (self.instance.pk is None and bool(self.initial)) or super().has_changed()

    def clean(self):
        cleaned = super().clean()
        amount, discount = cleaned.get("amount"), cleaned.get("discount_percent")
        if (amount is None) == (discount is None) and "amount" not in self.errors:
            self.add_error("amount", _("Give either a fixed rate or a discount, not both."))
        elif cleaned.get("room_type") is None and amount is not None:
            self.add_error("room_type", _("A line for every room type is a discount."))
        return cleaned


class BaseAgreementRateFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [form for form in self.forms if form.has_changed() and not self._should_delete_form(form)]
        if not kept:
            raise forms.ValidationError(_("Give at least one rate."))
        room_types = [form.cleaned_data.get("room_type") for form in kept if form.is_valid()]
        if len(room_types) != len(set(room_types)):
            raise forms.ValidationError(_("Each room type has one line (and one line is for every room type)."))


AgreementRateFormSet = forms.inlineformset_factory(
    RateAgreement, AgreementRate, form=AgreementRateForm, formset=BaseAgreementRateFormSet, extra=3,
    can_delete=True, max_num=MAX_AGREEMENT_LINES, validate_max=True, absolute_max=MAX_AGREEMENT_LINES,
)  # fmt: skip


class EndAgreementForm(forms.Form):
    on = NearDateField(label=_("Last day"))
