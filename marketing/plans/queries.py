"""Reads of marketing plans that pages share, each one query whatever the rows."""

from django.db.models import Q, QuerySet, Sum

from marketing.models import MarketingPlan


def plans() -> QuerySet[MarketingPlan]:
    """The plans with their owner and the whole hotel's target for the year (`year_target`, None when unset)."""
    return MarketingPlan.objects.select_related("owner").annotate(
        year_target=Sum("targets__amount", filter=Q(targets__segment=""))
    )
