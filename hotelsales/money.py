from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_currency
from django.conf import settings
from django.utils import translation


@lru_cache(maxsize=8)
def _locale(language: str) -> Locale:
    return Locale.parse(translation.to_locale(language))


def format_money(amount: Decimal, currency: str | None = None) -> str:
    """Format an amount for the active language: ¥1,234.50 in Chinese, CN¥1,234.50 in English."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return format_currency(amount, currency or settings.HOTEL_CURRENCY, locale=_locale(language))
