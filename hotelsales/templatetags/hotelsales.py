import uuid
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats
from django.utils.html import format_html

from hotelsales import punctuation, tabular
from hotelsales.listing import ROW_PK
from hotelsales.money import format_money, format_whole
from hotelsales.once import FORM_TOKEN

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
def whole_money(value):
    """{{ amount|whole_money }}: 1,234,568 — to the whole yuan, without the currency's sign (hotelsales.money)."""
    if value is None or value == "":
        return ""
    return format_whole(Decimal(value))


@register.filter
def signed(value) -> str:
    """{{ change|signed }}: +1.5 for a rise, -1.5 for a fall and 0.0 for none, so that a difference reads as one."""
    if value is None or value == "":
        return ""
    text = formats.localize(value)
    return f"+{text}" if value > 0 else text


@register.filter
def excerpt(value) -> str:
    """A cell from an uploaded file as pages show it: its beginning only (hotelsales.tabular.excerpt)."""
    return tabular.excerpt(str(value))


@register.filter
def in_minutes(value: timedelta | None) -> int:
    return int(value.total_seconds() // 60) if value else 0


@register.inclusion_tag("snippets/sort_link.html")
def sort_link(listing, key: str, label: str):
    """A column header that sorts by `key`, and reverses when it already does."""
    current = listing.sort
    new = f"-{key}" if current == key else key
    prefix = f"{listing.querystring}&" if listing.querystring else ""
    return {
        "href": f"?{prefix}sort={new}",
        "label": label,
        "direction": "up" if current == key else "down" if current == f"-{key}" else "",
    }


@register.simple_tag
def page_url(listing, number: int) -> str:
    parts = [listing.querystring] if listing.querystring else []
    parts += [f"sort={listing.sort}"] if listing.sort else []
    parts += [f"page={number}"]
    return "?" + "&".join(parts)


@register.filter
def person(user) -> str:
    """A staff member as people know them: full name, else user name; a dash for nobody."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


@register.filter
def get_item(mapping, key):
    """{{ mapping|get_item:key }} for a dictionary key held in a variable."""
    return mapping.get(key) if mapping else None


@register.filter
def with_pk(url: str, pk) -> str:
    """{{ url|with_pk:row.pk }}: a URL from hotelsales.listing.row_url, reversed once per list, for this row."""
    return url.replace(ROW_PK, str(pk))


@register.simple_tag
def form_token() -> str:
    """{% form_token %}: the one-time token of a form written by hand whose post is recorded once (hotelsales.once)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FORM_TOKEN, uuid.uuid4())


@register.filter
def word_list(words) -> str:
    """{{ names|word_list }}: the words parted as the language parts them (、 in Chinese)."""
    return punctuation.word_list(words)


@register.filter
def clause_list(clauses) -> str:
    """{{ reasons|clause_list }}: the clauses parted as the language parts them (； in Chinese)."""
    return punctuation.clause_list(clauses)


@register.filter(is_safe=True)
def label(text) -> str:
    """{{ _("Reason")|label }}{{ value }}: the label with the language's colon (原因：服务补偿)."""
    return punctuation.label(text)


@register.filter(is_safe=True)
def aside(text) -> str:
    """{{ text }}{{ note|aside }}: the note in the language's brackets (2 晚 → （2 晚）)."""
    return punctuation.aside(text)
