"""Setting the sales team's monthly targets and the forecast's weights: the targets page and the forecast page, and
the demo, go through these."""

from django.db import transaction

from marketing.models import SalesTarget, StatusWeight

TARGET_FIELDS = ["room_nights", "room_revenue", "event_revenue", "new_accounts", "visits"]


@transaction.atomic
def set_sales_targets(*, month, targets: dict[int, dict | None]) -> int:
    """Set the targets of `month` (its first day) per salesperson's id: a dict of TARGET_FIELDS, or None to remove
    the salesperson's targets. Salespeople not given keep theirs. All or nothing; two managers saving the same month
    take turns on the rows (the last one's figures stand). Returns how many salespeople have targets that month."""
    for user_id, values in sorted(targets.items()):
        if values is None:
            SalesTarget.objects.filter(salesperson_id=user_id, month=month).delete()
            continue
        target = SalesTarget(salesperson_id=user_id, month=month, **values)
        target.full_clean(validate_unique=False, validate_constraints=False)
        SalesTarget.objects.update_or_create(salesperson_id=user_id, month=month, defaults=values)
    return SalesTarget.objects.filter(month=month).count()


@transaction.atomic
def set_status_weights(*, percents: dict[str, int]) -> None:
    """Set the forecast's probability (0–100 %) of each booking status given."""
    for status, percent in sorted(percents.items()):
        weight = StatusWeight(status=status, percent=percent)
        weight.full_clean(validate_unique=False)
        StatusWeight.objects.update_or_create(status=status, defaults={"percent": percent})
