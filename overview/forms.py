from decimal import Decimal

from django import forms

from hotelsales.punctuation import aside
from marketing.models import StatusWeight
from overview.targets import METRICS, MONEY_METRICS
from reservations.models import Booking

# The most a month's count may hold: PositiveSmallIntegerField for accounts and visits, a big hotel's month of
# room-nights with room to spare.
MOST = {"room_nights": 1_000_000, "new_accounts": 32_767, "visits": 32_767}


def cell_name(metric: str, user_id: int) -> str:
    return f"{metric}-{user_id}"


class TeamTargetsForm(forms.Form):
    """A month's targets of the team, a row per salesperson and a field per metric; a row left wholly empty has no
    targets, an empty field in a row otherwise filled is zero. Only these fields are read, whatever a post carries."""

    def __init__(self, *args, users, targets: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.users = list(users)
        for user in self.users:
            target = targets.get(user.pk)
            for metric, label in METRICS.items():
                name = cell_name(metric, user.pk)
                person = user.get_full_name() or user.get_username()
                if metric in MONEY_METRICS:
                    field = forms.DecimalField(min_value=Decimal(0), max_digits=14, decimal_places=2)
                else:
                    field = forms.IntegerField(min_value=0, max_value=MOST[metric])
                field.required = False
                field.label = f"{label}{aside(person)}"
                self.fields[name] = field
                self.initial[name] = getattr(target, metric) if target else None

    @property
    def rows(self) -> list[tuple[object, list[forms.BoundField]]]:
        return [(user, [self[cell_name(metric, user.pk)] for metric in METRICS]) for user in self.users]

    def targets(self) -> dict[int, dict | None]:
        """Each salesperson's targets, None for a row left empty."""
        result = {}
        for user in self.users:
            values = {metric: self.cleaned_data[cell_name(metric, user.pk)] for metric in METRICS}
            if all(value is None for value in values.values()):
                result[user.pk] = None
            else:
                result[user.pk] = {metric: value or 0 for metric, value in values.items()}
        return result


class WeightsForm(forms.Form):
    """The forecast's probability of each status in play, in whole percent from 0 to 100."""

    def __init__(self, *args, weights: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for status in StatusWeight.PIPELINE:
            self.fields[status.value] = forms.IntegerField(
                label=Booking.Status(status).label, min_value=0, max_value=100
            )
            self.initial[status.value] = weights.get(status.value, 0)
