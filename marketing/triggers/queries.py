"""Reads of triggers that pages share: the triggers with what their rows show beside them, and a trigger's latest
touches — each in one query whatever the number of triggers and touches."""

from django.db.models import QuerySet

from marketing.models import Touch, Trigger

# The touches a trigger's page lists, the latest first.
LATEST_TOUCHES = 50


def triggers() -> QuerySet[Trigger]:
    return Trigger.objects.select_related("audience", "offer", "owner")


def listed() -> list[Trigger]:
    """Every trigger, the active ones first, each part by name."""
    return list(triggers().order_by("-active", "name", "pk"))


def latest_touches(trigger: Trigger) -> list[Touch]:
    return list(Touch.objects.filter(trigger=trigger).select_related("profile").order_by("-at", "-pk")[:LATEST_TOUCHES])
