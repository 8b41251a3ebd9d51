"""Making a marketing plan and setting its targets: the plan page's edit grid and the demo go through these."""

from decimal import Decimal
from functools import reduce
from operator import or_

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q

from marketing.models import MarketingPlan, PlanTarget

Cell = tuple[int, str]  # (month, stream)


def create_plan(*, year: int, owner: AbstractBaseUser, notes: str = "") -> MarketingPlan:
    """A new, empty plan for `year`; a year has one plan, which full_clean() says in words."""
    plan = MarketingPlan(year=year, owner=owner, notes=notes)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def set_targets(*, plan: MarketingPlan, segment: str, amounts: dict[Cell, Decimal | None]) -> int:
    """Set the targets of one layer of the plan — the whole hotel's (`segment` blank) or one segment's — for the
    cells given: an amount is the cell's target (zero included), None removes it. Cells not given keep theirs.
    All or nothing, in one transaction; the plan's row is locked first, so two managers saving the same grid take
    turns and the last one's figures stand whole. Returns how many targets the layer holds afterwards."""
    MarketingPlan.objects.select_for_update().get(pk=plan.pk)
    targets = [
        PlanTarget(plan=plan, month=month, stream=stream, segment=segment, amount=amount)
        for (month, stream), amount in amounts.items()
        if amount is not None
    ]
    for target in targets:
        target.full_clean(exclude=["plan"], validate_unique=False, validate_constraints=False)
    layer = PlanTarget.objects.filter(plan=plan, segment=segment)
    cleared = [Q(month=month, stream=stream) for (month, stream), amount in amounts.items() if amount is None]
    if cleared:
        layer.filter(reduce(or_, cleared)).delete()
    PlanTarget.objects.bulk_create(
        targets,
        update_conflicts=True,
        unique_fields=["plan", "month", "stream", "segment"],
        update_fields=["amount"],
    )
    return layer.count()
