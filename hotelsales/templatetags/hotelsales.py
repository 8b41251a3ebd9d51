from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django import template

from hotelsales.money import format_money

register = template.Library()


@register.filter
def money(value, currency=None):
    """{{ amount|money }} in the hotel's currency, or {{ amount|money:"USD" }}."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    return format_money(amount, currency)


@register.filter
def in_minutes(value: timedelta | None) -> int:
    return int(value.total_seconds() // 60) if value else 0
