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


@lru_cache(maxsize=32)
def _written(language: str, currency: str | None, digits: int) -> tuple[tuple[str, str], tuple[str, str], dict] | None:
    """How Babel writes an amount in `language` (with `currency`'s sign, or none): the text before and after the
    digits of a positive and of a negative amount, and the locale's group and decimal symbols — learnt once from
    Babel itself, so that the many amounts of a page are written by plain string formatting, the same as Babel would
    (tests/hotelsales/test_money.py compares the two). None when the digits are not written as Python writes them
    (a grouping other than by thousands): then Babel writes each amount."""
    locale = _locale(language)
    probe = round_half_up(Decimal("1234567.891"), Decimal(1).scaleb(-digits))
    if currency:
        positive, negative = (format_currency(value, currency, locale=locale) for value in (probe, -probe))
    else:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        positive, negative = (format_decimal(value, format=pattern, locale=locale) for value in (probe, -probe))
    symbols = locale.number_symbols.get("latn", locale.number_symbols)
    table = str.maketrans({",": symbols["group"], ".": symbols["decimal"]})
    digits_text = f"{probe:,.{digits}f}".translate(table)
    if digits_text not in positive or digits_text not in negative:
        return None
    return tuple(positive.split(digits_text, 1)), tuple(negative.split(digits_text, 1)), table


def _write(amount: Decimal, language: str, currency: str | None, digits: int) -> str | None:
    shape = _written(language, currency, digits)
    if shape is None:
        return None
    positive, negative, table = shape
    before, after = negative if amount.is_signed() else positive
    return f"{before}{f'{abs(amount):,.{digits}f}'.translate(table)}{after}"


_precision = lru_cache(maxsize=8)(get_currency_precision)


def format_money(amount: Decimal, currency: str | None = None) -> str:
    """Format an amount for the active language: ¥1,234.50 in Chinese, CN¥1,234.50 in English. It is rounded
    half up to the currency's digits first, because Babel would round half to even."""
    currency = currency or settings.HOTEL_CURRENCY
    language = translation.get_language() or settings.LANGUAGE_CODE
    digits = _precision(currency)
    rounded = round_money(amount, Decimal(1).scaleb(-digits))
    written = _write(rounded, language, currency, digits)
    return written if written is not None else format_currency(rounded, currency, locale=_locale(language))


def format_whole(amount: Decimal) -> str:
    """An amount to the whole yuan (half up), without the currency's sign, grouped by thousands as the language
    writes them: 1,234,568. For wide tables whose caption names the currency."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    rounded = round_money(amount, Decimal(1))
    written = _write(rounded, language, None, 0)
    return written if written is not None else format_decimal(rounded, format="#,##0", locale=_locale(language))
