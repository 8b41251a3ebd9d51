from decimal import Decimal

import pytest
from babel import Locale
from babel.numbers import format_currency
from django.template import Context, Template
from django.utils import translation

from hotelsales.money import format_money, round_money


def test_money_is_formatted_per_language():
    with translation.override("zh-hans"):
        assert format_money(Decimal("12345.5")) == "¥12,345.50"
    with translation.override("en"):
        assert format_money(Decimal("12345.5")) == "CN¥12,345.50"


def test_the_money_filter_formats_decimals_and_leaves_empty_values_empty():
    template = Template("{% load hotelsales %}[{{ amount|money }}][{{ missing|money }}]")
    with translation.override("zh-hans"):
        assert template.render(Context({"amount": Decimal("-8.05"), "missing": None})) == "[-¥8.05][]"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(("currency", "places"), [("CNY", "0.01"), ("USD", "0.01"), ("JPY", "1")])
def test_money_reads_as_babel_writes_it(language, currency, places):
    amounts = ["0", "-0.001", "0.5", "7", "-8.05", "999.995", "1000", "-1234567.891", "12345678901.2"]
    locale = Locale.parse(translation.to_locale(language))
    with translation.override(language):
        for amount in map(Decimal, amounts):
            expected = format_currency(round_money(amount, Decimal(places)), currency, locale=locale)
            assert format_money(amount, currency) == expected, amount
