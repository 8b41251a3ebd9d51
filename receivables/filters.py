import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clienthistory.models import Account
from hotelsales.search import matching, normalise_query
from hotelsales.widgets import DatePicker
from receivables.models import CreditNote, Invoice, Payment
from receivables.queries import PaymentState

PAYMENT_STATES = [
    (PaymentState.OPEN, _("Open")),
    (PaymentState.PARTLY_PAID, _("Partly paid")),
    (PaymentState.PAID, _("Paid")),
]
HIDDEN = django_filters.widgets.forms.HiddenInput


def _account_or(field: str, queryset, value):
    """Rows whose `field` contains the text, or whose account's name, phone or e-mail does."""
    text = normalise_query(value)
    if not text:
        return queryset
    return queryset.filter(Q(**{f"{field}__icontains": text}) | Q(account__in=matching(Account.objects.all(), text)))


class InvoiceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Number or account"), method="search")
    state = django_filters.ChoiceFilter(label=_("State"), choices=Invoice.State.choices)
    payment_state = django_filters.ChoiceFilter(label=_("Payment"), choices=PAYMENT_STATES)
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=Invoice.Kind.choices)
    issued_from = django_filters.DateFilter(
        label=_("Issued from"), field_name="issue_date", lookup_expr="gte", widget=DatePicker()
    )
    issued_to = django_filters.DateFilter(
        label=_("Issued until"), field_name="issue_date", lookup_expr="lte", widget=DatePicker()
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue only"), method="only_overdue", widget=forms.CheckboxInput)
    account = django_filters.NumberFilter(widget=HIDDEN)
    booking = django_filters.NumberFilter(widget=HIDDEN)

    class Meta:
        model = Invoice
        fields = ["q", "state", "payment_state", "kind", "issued_from", "issued_to", "overdue", "account", "booking"]

    def search(self, queryset, name, value):
        return _account_or("number", queryset, value)

    def only_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(state=Invoice.State.ISSUED, open_amount__gt=0, due_date__lt=timezone.localdate())


class PaymentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Reference or account"), method="search")
    method = django_filters.ChoiceFilter(label=_("Method"), choices=Payment.Method.choices)
    date_from = django_filters.DateFilter(
        label=pgettext_lazy("start of a period", "From"), field_name="date", lookup_expr="gte", widget=DatePicker()
    )
    date_to = django_filters.DateFilter(label=_("Until"), field_name="date", lookup_expr="lte", widget=DatePicker())
    with_credit = django_filters.BooleanFilter(
        label=_("With money left to allocate"), method="only_with_credit", widget=forms.CheckboxInput
    )
    account = django_filters.NumberFilter(widget=HIDDEN)

    class Meta:
        model = Payment
        fields = ["q", "method", "date_from", "date_to", "with_credit", "account"]

    def search(self, queryset, name, value):
        return _account_or("reference", queryset, value)

    def only_with_credit(self, queryset, name, value):
        return queryset.filter(unallocated__gt=0) if value else queryset


class CreditNoteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Number or account"), method="search")
    date_from = django_filters.DateFilter(
        label=pgettext_lazy("start of a period", "From"), field_name="date", lookup_expr="gte", widget=DatePicker()
    )
    date_to = django_filters.DateFilter(label=_("Until"), field_name="date", lookup_expr="lte", widget=DatePicker())
    with_credit = django_filters.BooleanFilter(
        label=_("With credit left to allocate"), method="only_with_credit", widget=forms.CheckboxInput
    )
    account = django_filters.NumberFilter(widget=HIDDEN)

    class Meta:
        model = CreditNote
        fields = ["q", "date_from", "date_to", "with_credit", "account"]

    def search(self, queryset, name, value):
        return _account_or("number", queryset, value)

    def only_with_credit(self, queryset, name, value):
        return queryset.filter(unallocated__gt=0) if value else queryset
