from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clienthistory import access, queries
from clienthistory.credit import assess_credit
from clienthistory.filters import AccountFilter
from clienthistory.forms import AccountForm, CreditAssessmentForm
from clienthistory.models import Account
from clienthistory.panels import ACCOUNT_BUTTONS, ACCOUNT_CARDS, ACCOUNT_PANELS, buttons_for, rendered
from hotelsales.history import history_entries
from hotelsales.listing import list_page
from hotelsales.roles import has_role, role_required

ACCOUNT_SORTS = {
    "name": ("name", "id"),
    "kind": ("kind", "name", "id"),
    "status": ("status", "name", "id"),
    "owner": ("owner__first_name", "name", "id"),
    "created": ("created_at", "id"),
}
# Sorting by rating shows the ratings in the order of the rows: only for those who see credit data.
CREDIT_SORTS = {"rating": ("credit_rating", "name", "id")}


def account_sorts(user) -> dict[str, tuple[str, ...]]:
    return {**ACCOUNT_SORTS, **CREDIT_SORTS} if access.sees_credit(user) else ACCOUNT_SORTS


def filtered_accounts(request) -> AccountFilter:
    return AccountFilter(request.GET, queryset=queries.accounts(), sees_credit=access.sees_credit(request.user))


@role_required(*access.READ)
def account_list(request):
    account_filter = filtered_accounts(request)
    listing = list_page(request, account_filter.qs, sorts=account_sorts(request.user), default="name")
    return render(
        request,
        "clienthistory/account_list.html",
        {
            "filter": account_filter,
            "listing": listing,
            "sees_credit": access.sees_credit(request.user),
            "can_edit": has_role(request.user, *access.EDIT_ACCOUNTS),
        },
    )


@role_required(*access.READ)
def account_detail(request, pk):
    account = get_object_or_404(queries.accounts(), pk=pk)
    sees_credit = access.sees_credit(request.user)
    return render(
        request,
        "clienthistory/account_detail.html",
        {
            "account": account,
            "contacts": queries.account_contacts(account),
            "activities": queries.activities_of(account=account),
            "assessments": queries.credit_history(account) if sees_credit else [],
            "history": history_entries(account, hidden=() if sees_credit else access.CREDIT_FIELDS),
            "panels": rendered(ACCOUNT_PANELS, account, request.user),
            "cards": rendered(ACCOUNT_CARDS, account, request.user),
            "buttons": buttons_for(ACCOUNT_BUTTONS, account, request.user),
            "sees_credit": sees_credit,
            "can_edit": has_role(request.user, *access.EDIT_ACCOUNTS),
            "can_assess": has_role(request.user, *access.EDIT_CREDIT),
            "credit_form": CreditAssessmentForm() if has_role(request.user, *access.EDIT_CREDIT) else None,
        },
    )


@role_required(*access.EDIT_ACCOUNTS)
def account_create(request):
    return _account_form(request, Account(owner=request.user if has_role(request.user, *access.SELL) else None))


@role_required(*access.EDIT_ACCOUNTS)
def account_edit(request, pk):
    return _account_form(request, get_object_or_404(Account, pk=pk))


def _account_form(request, account: Account):
    form = AccountForm(request.POST or None, instance=account, sees_credit=access.sees_credit(request.user))
    if request.method == "POST" and form.is_valid():
        account = form.save()
        messages.success(request, _("Account %(name)s saved.") % {"name": account.name})
        return redirect("clienthistory:account-detail", pk=account.pk)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": account.name} if account.pk else _("New account"),
            "cancel_url": account.get_absolute_url() if account.pk else reverse("clienthistory:account-list"),
        },
        status=400 if form.errors else 200,
    )


@role_required(*access.EDIT_CREDIT)
@require_POST
def credit_assess(request, pk):
    account = get_object_or_404(Account, pk=pk)
    form = CreditAssessmentForm(request.POST)
    if form.is_valid():
        assess_credit(account=account, reviewer=request.user, **form.cleaned_data)
        messages.success(request, _("Credit assessment recorded."))
        return redirect(f"{account.get_absolute_url()}#credit")
    return render(
        request,
        "form_page.html",
        {"form": form, "title": _("Credit assessment of %(name)s") % {"name": account.name},
         "cancel_url": account.get_absolute_url()},
        status=400,
    )  # fmt: skip
