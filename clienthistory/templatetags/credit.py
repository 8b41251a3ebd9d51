from django import template

from clienthistory import access

register = template.Library()


@register.inclusion_tag("clienthistory/snippets/credit_flag.html", takes_context=True)
def credit_flag(context, account, compact=False):
    """{% credit_flag account %}: an account's credit hold as the person looking may see it — the hold and its
    reasons for those who see credit data, a neutral "confirm with sales" for the others (the front desk).
    In lists, {% credit_flag account compact=True %} is an icon whose reasons show on hover and on tap."""
    return {"account": account, "sees_credit": access.sees_credit(context["request"].user), "compact": compact}
