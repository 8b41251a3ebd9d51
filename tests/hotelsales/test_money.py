from decimal import Decimal

from babel import Locale
from babel.numbers import format_currency, format_decimal, get_currency_precision
from django.conf import settings as django_settings
from django.template import Context, Template
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from hotelsales.money import format_money, format_whole, round_money


def test_money_is_formatted_per_language():
    with translation.override("zh-hans"):
        assert format_money(Decimal("12345.5")) == "¥12,345.50"
    with translation.override("en"):
        assert format_money(Decimal("12345.5")) == "CN¥12,345.50"


def test_the_money_filter_formats_decimals_and_leaves_empty_values_empty():
    template = Template("{% load hotelsales %}[{{ amount|money }}][{{ missing|money }}]")
    with translation.override("zh-hans"):
        assert template.render(Context({"amount": Decimal("-8.05"), "missing": None})) == "[-¥8.05][]"


@settings(max_examples=300, deadline=None)
@given(
    amount=st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False, places=3),
    language=st.sampled_from([code for code, _name in django_settings.LANGUAGES]),
    currency=st.sampled_from(["CNY", "USD", "JPY", "HKD"]),
)
def test_amounts_are_written_as_babel_writes_them(amount, language, currency):
    """The page's amounts are written by string formatting learnt from Babel (fast); the figures are Babel's."""
    locale = Locale.parse(translation.to_locale(language))
    cents = round_money(amount, Decimal(1).scaleb(-get_currency_precision(currency)))
    with translation.override(language):
        assert format_money(amount, currency) == format_currency(cents, currency, locale=locale)
        whole = round_money(amount, Decimal(1))
        assert format_whole(amount) == format_decimal(whole, format="#,##0", locale=locale)
