"""Client segments (客群): the list, each with its live count; the builder, whose rows of rules count and preview
their members as they change, before anything is saved; each segment's page with its rules in words and its
first members; and the members' export."""

import re
from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from clienthistory.models import Profile
from hotelsales.exports import Table, download, exportable
from hotelsales.forms import id_param
from hotelsales.history import history_entries
from hotelsales.listing import list_page
from hotelsales.punctuation import clause_list
from hotelsales.roles import has_role, role_required
from hotelsales.tabular import download_format
from marketing import access
from marketing.audiences import queries
from marketing.audiences import rules as segment_rules
from marketing.audiences.forms import PREFIX, AudienceFilter, AudienceForm, new_row, rule_formset
from marketing.audiences.rules import KINDS, MAX_RULES, Members
from marketing.models import Audience

AUDIENCE_SORTS = {"name": ("name", "id"), "updated": ("updated_at", "id")}
RULE_KIND = re.compile(rf"{PREFIX}-(\d{{1,2}})-kind")
# The export's columns of a profile, named as the profile's fields are (and as the profile import knows them).
PROFILE_COLUMNS = [
    "name", "account", "mobile", "email", "vip_level", "birthday", "anniversary", "language", "marketing_consent",
]  # fmt: skip


@role_required(*access.READ)
def audience_list(request):
    """The segments; each row's count is asked for on its own (audience_count), so the list shows at once."""
    audience_filter = AudienceFilter(request.GET, queryset=queries.audiences())
    listing = list_page(request, audience_filter.qs, sorts=AUDIENCE_SORTS, default="name")
    return render(
        request,
        "marketing/audience_list.html",
        {"filter": audience_filter, "listing": listing, "can_build": has_role(request.user, *access.BUILD)},
    )


@role_required(*access.READ)
def audience_count(request, pk):
    audience = get_object_or_404(Audience, pk=pk)
    count = segment_rules.members(members=audience.members, rules=audience.rules, today=timezone.localdate()).count()
    return render(request, "marketing/snippets/audience_count.html", {"count": count})


@role_required(*access.READ)
def audience_detail(request, pk):
    audience = get_object_or_404(queries.audiences(), pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "marketing/audience_detail.html",
        {
            "audience": audience,
            "rules": segment_rules.words(audience.rules, today),
            "preview": queries.preview(members=audience.members, rules=audience.rules, today=today),
            "members": audience.members,
            "history": history_entries(audience, shown_as={"rules": _rules_in_words(today)}),
            "can_build": has_role(request.user, *access.BUILD),
        },
    )


def _rules_in_words(today: date):
    """A history's rules in words; the names they need are read once, and only when a change of rules is shown."""
    names = SimpleLazyObject(segment_rules.every_name)
    return lambda rules: clause_list(segment_rules.words(rules, today, names)) if rules else "—"


@role_required(*access.BUILD)
def audience_create(request):
    return _audience_form(request, Audience(owner=request.user))


@role_required(*access.BUILD)
def audience_edit(request, pk):
    return _audience_form(request, get_object_or_404(Audience, pk=pk))


def _audience_form(request, audience: Audience):
    builder = rule_formset(request.POST or None, rules=audience.rules)
    if request.method == "POST" and builder.is_valid():
        audience.rules = builder.rules()  # checked again by the model with the rest of the form
    form = AudienceForm(request.POST or None, instance=audience)
    if request.method == "POST" and all([form.is_valid(), builder.is_valid()]):
        audience = form.save()
        messages.success(request, _("Client segment saved."))
        return redirect(audience)
    return render(
        request,
        "marketing/audience_form.html",
        {
            "form": form,
            "builder": builder,
            "kinds": [(key, kind.label) for key, kind in KINDS.items()],
            "title": _("Edit client segment %(name)s") % {"name": audience.name}
            if audience.pk
            else _("New client segment"),
            "cancel_url": audience.get_absolute_url() if audience.pk else reverse("marketing:audience-list"),
        },
        status=400 if form.errors or builder.errors or builder.non_form_errors() else 200,
    )


@role_required(*access.BUILD)
def audience_rule_fields(request):
    """The parameter fields of a builder row whose kind was changed: ?rules-N-kind=birthday."""
    match = next((found for key in request.GET if (found := RULE_KIND.fullmatch(key))), None)
    index = int(match.group(1)) if match and int(match.group(1)) < MAX_RULES else 0
    prefix = f"{PREFIX}-{index}"
    response = render(
        request,
        "marketing/snippets/rule_parameters.html",
        {"rule": new_row(prefix, request.GET.get(f"{prefix}-kind"))},
    )
    response["HX-Trigger-After-Settle"] = "rules-changed"
    return response


@role_required(*access.BUILD)
def audience_rule_row(request):
    """A row added to the builder after its `rules-TOTAL_FORMS` rows, of ?kind=, with the form's new row count."""
    index = id_param(request.GET, f"{PREFIX}-TOTAL_FORMS") or 0
    if index >= MAX_RULES:
        return render(request, "marketing/snippets/rule_limit.html", {"most": MAX_RULES})
    response = render(
        request,
        "marketing/snippets/rule_row.html",
        {"rule": new_row(f"{PREFIX}-{index}", request.GET.get("kind")), "total": index + 1, "added": True},
    )
    response["HX-Trigger-After-Settle"] = "rules-changed"
    return response


@role_required(*access.BUILD)
def audience_preview(request):
    """The count and the first members of the builder's rules as they stand, unsaved."""
    members = request.GET.get("members")
    members = members if members in Members.values else Members.PROFILES
    builder = rule_formset(request.GET)
    preview = None
    if builder.is_valid():
        preview = queries.preview(members=members, rules=builder.rules(), today=timezone.localdate())
    return render(
        request,
        "marketing/snippets/audience_preview.html",
        {"preview": preview, "members": members, "problems": [] if preview else builder.problems(), "live": True},
    )


@role_required(*access.READ)
def audience_export(request, pk):
    audience = get_object_or_404(Audience, pk=pk)
    fmt = download_format(request, default="xlsx")
    if fmt is None:
        return HttpResponseBadRequest(_("Choose the CSV or XLSX format."))
    # A long export is written by a worker, which replays the query string alone (hotelsales.exports): it names
    # the segment.
    request.GET = QueryDict(urlencode({"segment": audience.pk}))
    return download(request, audience_table, fmt)


@exportable
def audience_table(request) -> Table:
    """The segment's members as they are today, in name order."""
    audience = Audience.objects.get(pk=id_param(request.GET, "segment"))
    today = timezone.localdate()
    found = queries.members_with_last_stay(members=audience.members, rules=audience.rules, today=today)
    stem = f"segment-{audience.pk}-{today}"
    yes_no = {True: _("Yes"), False: _("No")}
    if audience.members == Members.ACCOUNTS:
        headers = [_("Name"), _("Type"), _("Market segment"), _("Owner"), _("Phone"), _("Email"), _("Last stay")]
        return Table(
            stem,
            headers,
            found,
            lambda account: [
                account.name,
                account.get_kind_display(),
                account.get_segment_display(),
                (account.owner.get_full_name() or account.owner.get_username()) if account.owner else "",
                account.phone,
                account.email,
                account.last_stay,
            ],
        )
    headers = [capfirst(Profile._meta.get_field(name).verbose_name) for name in PROFILE_COLUMNS] + [_("Last stay")]
    return Table(
        stem,
        headers,
        found,
        lambda profile: [
            profile.name,
            profile.account.name if profile.account else "",
            profile.mobile,
            profile.email,
            profile.vip_level.code if profile.vip_level else "",
            profile.birthday,
            profile.anniversary,
            profile.get_language_display(),
            yes_no[profile.marketing_consent],
            profile.last_stay,
        ],
    )
