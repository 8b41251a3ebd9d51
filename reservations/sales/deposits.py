"""The deposit schedule of a booking: instalments, fixed or in percent, that add up to the contract value."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hotelsales.money import round_money, round_percent
from reservations.models import Booking, DepositInstalment

CENT = Decimal("0.01")
MAX_INSTALMENTS = 12


@dataclass(frozen=True)
class ScheduledAmount:
    instalment: DepositInstalment
    amount: Decimal


def covered(instalments, contract_value: Decimal) -> Decimal:
    """The part of the contract value the instalments cover, exactly (percentages are of the value)."""
    return sum(
        (i.value if i.basis == DepositInstalment.Basis.FIXED else contract_value * i.value / 100 for i in instalments),
        Decimal("0"),
    )


def scheduled_amounts(instalments, contract_value: Decimal) -> list[ScheduledAmount]:
    """Each instalment's amount in cents. When the schedule covers the value exactly, the last percentage
    instalment takes the rounding remainder, so that the amounts add up to the value to the cent."""
    instalments = list(instalments)
    amounts = [i.amount(contract_value) for i in instalments]
    percent_positions = [n for n, i in enumerate(instalments) if i.basis == DepositInstalment.Basis.PERCENT]
    if percent_positions and covered(instalments, contract_value) == contract_value:
        last = percent_positions[-1]
        amounts[last] = contract_value - sum(amounts[:last] + amounts[last + 1 :])
    return [ScheduledAmount(i, a) for i, a in zip(instalments, amounts, strict=True)]


@transaction.atomic
def set_deposit_schedule(*, booking: Booking, instalments: list[dict]) -> list[DepositInstalment]:
    """Replace the booking's schedule. The instalments must add up to 100 % of the contract value."""
    if len(instalments) > MAX_INSTALMENTS:
        raise ValidationError(_("A deposit schedule has at most %(count)s instalments.") % {"count": MAX_INSTALMENTS})
    rows = [DepositInstalment(booking=booking, **fields) for fields in instalments]
    for row in rows:
        row.full_clean(exclude=["booking"])
    value = booking.estimated_value
    if rows and not value:
        raise ValidationError(_("The booking has no contract value yet: price its events before scheduling deposits."))
    total = covered(rows, value)
    if rows and total != value:
        percent = round_percent(total / value * 100, CENT)
        raise ValidationError(
            _(
                "The instalments add up to %(total)s (%(percent)s %%) of a contract value of %(value)s; "
                "they must add up to 100 %%."
            )
            % {"total": round_money(total), "percent": percent, "value": value}
        )
    dates = [row.due_on for row in rows]
    if dates != sorted(dates):
        raise ValidationError(_("List the instalments in the order they fall due."))
    DepositInstalment.objects.filter(booking=booking).delete()
    return DepositInstalment.objects.bulk_create(rows)
