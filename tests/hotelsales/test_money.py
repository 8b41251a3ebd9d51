from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from hotelsales.money import format_money


def test_money_is_formatted_per_language():
    with translation.override("zh-hans"):
        assert format_money(Decimal("12345.5")) == "¥12,345.50"
    with translation.override("en"):
        assert format_money(Decimal("12345.5")) == "CN¥12,345.50"


def test_the_money_filter_formats_decimals_and_leaves_empty_values_empty():
    template = Template("{% load hotelsales %}[{{ amount|money }}][{{ missing|money }}]")
    with translation.override("zh-hans"):
        assert template.render(Context({"amount": Decimal("-8.05"), "missing": None})) == "[-¥8.05][]"
