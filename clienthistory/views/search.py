from django.shortcuts import render

from clienthistory import access, queries
from clienthistory.forms import normalise_mobile
from clienthistory.models import Account
from hotelsales.forms import id_param
from hotelsales.roles import role_required
from hotelsales.search import query_param


@role_required(*access.READ)
def search(request):
    """The navbar search: suggestions as you type (htmx), or a full page of results on Enter."""
    text = query_param(request)
    limit = queries.SUGGESTIONS if request.htmx else 50
    found = {
        "query": text,
        "accounts": queries.find_accounts(text, limit) if text else [],
        "profiles": queries.find_profiles(text, limit) if text else [],
    }
    if request.htmx:
        return render(request, "clienthistory/snippets/suggestions.html", found)
    return render(request, "clienthistory/search.html", found)


@role_required(*access.READ)
def account_lookup(request):
    text = query_param(request)
    options = queries.find_accounts(text) if text else []
    return render(request, "snippets/lookup_options.html", {"options": options, "query": text})


@role_required(*access.READ)
def profile_lookup(request):
    """Suggestions for a person; the form's chosen ?account= puts its people first, and lists them before any
    typing."""
    text = query_param(request)
    account = Account.objects.filter(pk=id_param(request.GET, "account")).first()
    if text:
        options = queries.find_profiles(text, account=account)
    else:
        options = queries.account_contacts(account, limit=queries.SUGGESTIONS) if account else []
    return render(request, "snippets/lookup_options.html", {"options": options, "query": text})


@role_required(*access.READ)
def client_matches(request):
    """Accounts and people already in the files that look like the new client being typed (asked as you type by
    the inquiry form): its account_name, account_phone, contact_name, contact_mobile and contact_email."""
    account = Account.objects.filter(pk=id_param(request.GET, "account")).first()
    found = {
        "accounts": []
        if account
        else queries.likely_accounts(query_param(request, "account_name"), phone=query_param(request, "account_phone")),
        "profiles": queries.likely_profiles(
            name=query_param(request, "contact_name"),
            mobile=normalise_mobile(query_param(request, "contact_mobile")),
            email=query_param(request, "contact_email"),
            account=account,
        ),
    }
    return render(request, "clienthistory/snippets/client_matches.html", found)
