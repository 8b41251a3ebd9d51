import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_precision,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
)
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


@dataclass(frozen=True)
class _MoneyLayout:
    places: Decimal
    digits: int
    prefixes: tuple[str, str]  # (positive, negative), the currency's sign in place
    suffixes: tuple[str, str]
    symbols: dict[int, str]  # str.translate table: Python's "," and "." to the language's group and decimal symbols


@lru_cache(maxsize=32)
def _money_layout(language: str, currency: str) -> _MoneyLayout | None:
    """What Babel's format_currency does to an amount, worked out once per language and currency, for the common
    pattern (thousands grouped by three, no scaling, no currency name): a page of figures then takes a few
    microseconds per figure instead of Babel's work on each. None for the patterns that need Babel itself."""
    locale = _locale(language)
    pattern = locale.currency_formats["standard"]
    affixes = "".join((*pattern.prefix, *pattern.suffix))
    if pattern.grouping != (3, 3) or pattern.scale or pattern.exp_prec or "@" in pattern.pattern or "¤¤" in affixes:
        return None
    symbol = get_currency_symbol(currency, locale)

    def text(affix: str) -> str:  # as Babel writes it: the sign for ¤, quoted text unquoted
        return re.sub(r"'([^']*)'", lambda quoted: quoted.group(1) or "'", affix.replace("¤", symbol))

    digits = get_currency_precision(currency)
    group, decimal = (
        get_group_symbol(locale, numbering_system="latn"),
        get_decimal_symbol(locale, numbering_system="latn"),
    )
    return _MoneyLayout(
        places=Decimal(1).scaleb(-digits),
        digits=digits,
        prefixes=(text(pattern.prefix[0]), text(pattern.prefix[1])),
        suffixes=(text(pattern.suffix[0]), text(pattern.suffix[1])),
        symbols=str.maketrans({",": group, ".": decimal}),
    )


def format_money(amount: Decimal, currency: str | None = None) -> str:
    """Format an amount for the active language: ¥1,234.50 in Chinese, CN¥1,234.50 in English, as Babel's
    format_currency does. It is rounded half up to the currency's digits first, because Babel would round half
    to even."""
    currency = currency or settings.HOTEL_CURRENCY
    language = translation.get_language() or settings.LANGUAGE_CODE
    layout = _money_layout(language, currency)
    if layout is None:
        rounded = round_money(amount, Decimal(1).scaleb(-get_currency_precision(currency)))
        return format_currency(rounded, currency, locale=_locale(language))
    rounded = round_money(amount, layout.places)
    negative = int(rounded.is_signed())
    number = f"{abs(rounded):,.{layout.digits}f}".translate(layout.symbols)
    return f"{layout.prefixes[negative]}{number}{layout.suffixes[negative]}"


def format_whole(amount: Decimal) -> str:
    """An amount to the whole yuan (half up), without the currency's sign, grouped by thousands as the language
    writes them: 1,234,568. For wide tables whose caption names the currency."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return format_decimal(round_money(amount, Decimal(1)), format="#,##0", locale=_locale(language))
