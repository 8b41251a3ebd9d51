"""Reads of promotions that pages share, each one query whatever the rows."""

from datetime import date

from django.db.models import QuerySet

from marketing.models import Promotion


def promotions() -> QuerySet[Promotion]:
    return Promotion.objects.select_related("owner")


def promotions_between(first: date, last: date) -> list[Promotion]:
    """The promotions running on any day from `first` to `last`, the earliest first."""
    return list(promotions().filter(starts_on__lte=last, ends_on__gte=first).order_by("starts_on", "ends_on", "pk"))
