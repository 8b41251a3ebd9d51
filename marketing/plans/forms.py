from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from clienthistory.forms import StaffChoiceField, staff_who_sell
from clienthistory.models import Segment
from hotelsales.forms import StripsBidiControls
from hotelsales.money import round_money
from hotelsales.punctuation import aside
from marketing.models import MarketingPlan
from marketing.models.plans import MONTHS, PLAN_YEARS
from reservations.reports.revenue import Stream


class PlanForm(StripsBidiControls, forms.ModelForm):
    """A plan's year (fixed once made), owner and notes."""

    owner = StaffChoiceField(queryset=staff_who_sell(), label=_("Owner"))

    class Meta:
        model = MarketingPlan
        fields = ["year", "owner", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_who_sell()
        self.fields["year"].widget.attrs.update(min=PLAN_YEARS.start, max=PLAN_YEARS.stop - 1)
        if self.instance.pk:
            self.fields["year"].disabled = True


class SegmentForm(forms.Form):
    """?segment=: the whole hotel (blank) or one market segment."""

    segment = forms.ChoiceField(
        label=_("Market segment"), choices=[("", _("Whole hotel")), *Segment.choices], required=False
    )


def _plain(amount: Decimal | None) -> Decimal | None:
    """A whole amount without its fen (12000, not 12000.00): the grid's boxes are narrow on a phone."""
    if amount is None or amount != amount.to_integral_value():
        return amount
    return round_money(amount, Decimal(1))


def cell_name(month: int, stream: str) -> str:
    return f"{stream}-{month}"


class TargetGridForm(forms.Form):
    """The targets of one layer of a plan — the whole hotel's or one segment's — as a grid of months × streams: a
    field per cell, left empty for no target. Only these 36 fields are read, whatever else a post carries."""

    def __init__(self, *args, plan: MarketingPlan, targets: dict[tuple[int, str], Decimal], **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        for month in MONTHS:
            for stream in Stream:
                name = cell_name(month, stream)
                self.fields[name] = forms.DecimalField(
                    label=f"{stream.label}{aside(f'{plan.year}-{month:02d}')}",
                    required=False,
                    min_value=Decimal("0"),
                    max_digits=14,
                    decimal_places=2,
                )
                self.initial[name] = _plain(targets.get((month, stream)))

    @property
    def rows(self) -> list[tuple[date, list[forms.BoundField]]]:
        """A row per month with its streams' fields, in the order of revenue.Stream."""
        return [
            (date(self.plan.year, month, 1), [self[cell_name(month, stream)] for stream in Stream]) for month in MONTHS
        ]

    def amounts(self) -> dict[tuple[int, str], Decimal | None]:
        """Each cell's amount, None where left empty."""
        return {
            (month, stream.value): self.cleaned_data[cell_name(month, stream)] for month in MONTHS for stream in Stream
        }
