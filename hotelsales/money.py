from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_currency, format_decimal, get_currency_precision
from django.conf import settings
from django.utils import translation

CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def round_half_up(value: Decimal | int, places: Decimal) -> Decimal:
    """Round to `places` half up (四舍五入), as Chinese finance expects: 688.005 → 688.01, where a bare
    quantize() rounds half to even (688.00). Every figure shown or stored is rounded here, never by quantize()."""
    return Decimal(value).quantize(places, rounding=ROUND_HALF_UP)


def round_money(amount: Decimal | int, places: Decimal = CENT) -> Decimal:
    """An amount of money to the fen (or to `places`), half up."""
    return round_half_up(amount, places)


def round_percent(value: Decimal | int, places: Decimal = TENTH) -> Decimal:
    """A percentage to one decimal (or to `places`), half up."""
    return round_half_up(value, places)


@lru_cache(maxsize=8)
def _locale(language: str) -> Locale:
    return Locale.parse(translation.to_locale(language))


def format_money(amount: Decimal, currency: str | None = None) -> str:
    """Format an amount for the active language: ¥1,234.50 in Chinese, CN¥1,234.50 in English. It is rounded
    half up to the currency's digits first, because Babel would round half to even."""
    currency = currency or settings.HOTEL_CURRENCY
    language = translation.get_language() or settings.LANGUAGE_CODE
    rounded = round_money(amount, Decimal(1).scaleb(-get_currency_precision(currency)))
    return format_currency(rounded, currency, locale=_locale(language))


def format_whole(amount: Decimal) -> str:
    """An amount to the whole yuan (half up), without the currency's sign, grouped by thousands as the language
    writes them: 1,234,568. For wide tables whose caption names the currency."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return format_decimal(round_money(amount, Decimal(1)), format="#,##0", locale=_locale(language))
