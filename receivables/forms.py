from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clienthistory.models import Account
from hotelsales.forms import NearDateField, StripsBidiControls
from hotelsales.once import OnceForm
from hotelsales.widgets import Lookup
from receivables.invoicing import Line
from receivables.models import CENT, MONEY, Dispute, Invoice, Payment, PromiseToPay, check_line_price
from reservations.models import DepositInstalment


def account_field(**kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Account"),
        queryset=Account.objects.all(),
        widget=Lookup("clienthistory:account-lookup", Account),
        **kwargs,
    )


def money_field(label, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=MONEY["max_digits"], decimal_places=2, **kwargs)


class InvoiceForm(StripsBidiControls, forms.Form):
    account = account_field()
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class LineForm(StripsBidiControls, forms.Form):
    description = forms.CharField(label=_("Description"), max_length=300)
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=10, decimal_places=2, min_value=CENT, initial=1)
    unit_price = money_field(_("unit price incl. tax"))
    discount = forms.BooleanField(
        label=_("Discount"), required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input", "aria-label": _("discount")}),
    )  # fmt: skip
    tax_rate = forms.DecimalField(
        label=_("Tax rate %"), max_digits=5, decimal_places=2, min_value=0, max_value=100,
        initial=lambda: settings.HOTEL_TAX_RATE,
    )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit_price") is not None:
            try:
                check_line_price(cleaned["unit_price"], cleaned.get("discount", False))
            except ValidationError as refusal:
                self.add_error(None, refusal)
        return cleaned

    def line(self) -> Line:
        data = self.cleaned_data
        return Line(data["description"].strip(), data["unit_price"], data["quantity"], data["tax_rate"],
                    discount=data["discount"])  # fmt: skip


class BaseLineFormSet(forms.BaseFormSet):
    def lines(self) -> list[Line]:
        return [form.line() for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


# A posted form count is capped: Django would otherwise build (and render back) up to 2,000 forms for one post.
MAX_LINES = 300
LineFormSet = forms.formset_factory(
    LineForm, formset=BaseLineFormSet, extra=2, min_num=1, validate_min=True, can_delete=True,
    max_num=MAX_LINES, validate_max=True, absolute_max=MAX_LINES,
)  # fmt: skip


class VoidForm(StripsBidiControls, forms.Form):
    reason = forms.CharField(label=_("Reason for voiding"), max_length=200)


class CreditForm(StripsBidiControls, OnceForm):
    """A credit note against one invoice; its account is the invoice's."""

    amount = money_field(_("amount"), min_value=CENT)
    reason = forms.CharField(label=_("Reason"), max_length=300)
    date = NearDateField(label=_("Date"))


class CreditNoteForm(CreditForm):
    """A credit note for an account, optionally credited to one of its invoices."""

    account = account_field()
    invoice = forms.ModelChoiceField(
        label=_("Credits invoice"),
        queryset=Invoice.objects.filter(state=Invoice.State.ISSUED),
        required=False,
        widget=Lookup("receivables:invoice-lookup", Invoice),
        help_text=_("Optional: the invoice this credit reduces; otherwise it stays on the account as credit."),
    )
    field_order = ["account", "invoice", "amount", "reason", "date"]

    def clean(self):
        cleaned = super().clean()
        account, invoice = cleaned.get("account"), cleaned.get("invoice")
        if account and invoice and invoice.account_id != account.pk:
            self.add_error("invoice", _("This invoice belongs to another account."))
        return cleaned


class DisputeForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = Dispute
        fields = ["reason", "until"]
        field_classes = {"until": NearDateField}
        labels = {"until": _("not dunned until")}

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until < timezone.localdate():
            raise ValidationError(_("The date cannot be in the past."))
        return until


class PromiseForm(StripsBidiControls, forms.ModelForm):
    class Meta:
        model = PromiseToPay
        fields = ["promised_on", "amount", "note"]
        field_classes = {"promised_on": NearDateField}

    def __init__(self, *args, open_amount: Decimal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.open_amount = open_amount

    def clean_promised_on(self):
        promised_on = self.cleaned_data["promised_on"]
        if promised_on < timezone.localdate():
            raise ValidationError(_("The date cannot be in the past."))
        return promised_on

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if self.open_amount is not None and amount > self.open_amount:
            raise ValidationError(_("Only %(open)s is open on this invoice.") % {"open": self.open_amount})
        return amount


class AllocationForm(OnceForm):
    """An amount to set against each of a list of invoices; blank means nothing."""

    def __init__(self, *args, invoices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.invoices = list(invoices)
        for invoice in self.invoices:
            self.fields[self.field_name(invoice)] = money_field(invoice.number, min_value=0, required=False)

    @staticmethod
    def field_name(invoice: Invoice) -> str:
        return f"allocate_{invoice.pk}"

    def rows(self):
        """Each invoice with its amount field, for the table."""
        return [(invoice, self[self.field_name(invoice)]) for invoice in self.invoices]

    def allocations(self) -> list[tuple[Invoice, Decimal]]:
        return [
            (invoice, self.cleaned_data[self.field_name(invoice)])
            for invoice in self.invoices
            if self.cleaned_data.get(self.field_name(invoice))
        ]


class PaymentForm(StripsBidiControls, AllocationForm):
    account = account_field()
    date = NearDateField(label=_("Date"))
    amount = money_field(_("amount"), min_value=CENT)
    method = forms.ChoiceField(label=_("Method"), choices=Payment.Method.choices, initial=Payment.Method.BANK_TRANSFER)
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)

    def clean(self):
        cleaned = super().clean()
        amount = cleaned.get("amount")
        if amount is not None and sum((amount for _invoice, amount in self.allocations()), Decimal(0)) > amount:
            raise ValidationError(_("More is set against invoices than the payment holds."))
        return cleaned


class BookingInvoiceForm(OnceForm):
    KINDS = [(Invoice.Kind.DEPOSIT, _("Deposit instalment")), (Invoice.Kind.FINAL, _("Final bill"))]

    kind = forms.ChoiceField(label=_("Invoice for"), choices=KINDS)
    instalment = forms.ModelChoiceField(
        label=_("Deposit instalment"), queryset=DepositInstalment.objects.none(), required=False
    )

    def __init__(self, *args, booking, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instalment"].queryset = booking.instalments.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Invoice.Kind.DEPOSIT and not cleaned.get("instalment"):
            self.add_error("instalment", _("Choose the instalment to invoice."))
        return cleaned


class ReservationInvoiceForm(OnceForm):
    account = account_field(help_text=_("The account that pays for this stay."))
