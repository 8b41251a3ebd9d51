"""The campaigns overview: the campaigns that started sending in a year, side by side with what each brought
(marketing.campaigns.results), for the page, its charts and its download. A campaign belongs to the year its
sending started in, in the hotel's time: that is when its attribution window opens."""

from django import forms
from django.db.models import QuerySet
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marketing.campaigns.results import Figures
from marketing.models import Campaign, Channel

STARTED = (Campaign.Status.SENDING, Campaign.Status.SENT)


def started() -> QuerySet[Campaign]:
    return Campaign.objects.filter(status__in=STARTED, started_at__isnull=False)


def sending_years() -> set[int]:
    """The years in which some campaign started sending."""
    return set(started().annotate(year=ExtractYear("started_at")).values_list("year", flat=True).order_by().distinct())


class OverviewForm(forms.Form):
    """?year= the campaigns started sending in (the current one unless chosen) and ?channel= (blank: every one)."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    channel = forms.ChoiceField(label=_("Channel"), choices=[("", _("All channels")), *Channel.choices], required=False)

    def __init__(self, data: QueryDict, *, this_year: int):
        data = data.copy()
        data.setdefault("year", str(this_year))
        super().__init__(data)
        self.fields["year"].choices = [(year, year) for year in sorted(sending_years() | {this_year}, reverse=True)]


def campaigns_of(*, year: int, channel: str) -> QuerySet[Campaign]:
    """The campaigns that started sending in `year`, of one channel or of every one."""
    campaigns = started().filter(started_at__year=year).select_related("promotion")
    return campaigns.filter(channel=channel) if channel else campaigns


def _series(label: str, values) -> dict:
    return {"label": label, "values": [None if value is None else float(value) for value in values]}


def chart_data(rows: list[Figures]) -> dict:
    """What the overview's charts draw, a bar per campaign in the table's order: the conversion rates of the
    contacted and of the control group, and the incremental revenue beside the cost. Where the data cannot support
    a comparison (no control group, too few members) there is no incremental revenue to draw (null), as the table
    shows none."""
    results = [row.results for row in rows]
    return {
        "labels": [row.campaign.name for row in rows],
        "rates": [
            _series(gettext("Contacted"), (result.conversion_rate for result in results)),
            _series(gettext("Control group"), (result.control_rate for result in results)),
        ],
        "money": [
            _series(gettext("Incremental revenue"), (result.incremental_revenue for result in results)),
            _series(gettext("Cost"), (row.cost for row in rows)),
        ],
    }
