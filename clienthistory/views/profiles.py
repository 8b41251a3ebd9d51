from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clienthistory import access, queries
from clienthistory.filters import ProfileFilter
from clienthistory.forms import PreferenceForm, ProfileForm, normalise_mobile
from clienthistory.models import Account, Preference, Profile
from clienthistory.panels import PROFILE_BUTTONS, PROFILE_CARDS, PROFILE_PANELS, buttons_for, rendered
from hotelsales.forms import id_param
from hotelsales.history import history_entries
from hotelsales.listing import list_page
from hotelsales.roles import has_role, role_required
from hotelsales.search import query_param

PROFILE_SORTS = {
    "name": ("name", "id"),
    "account": ("account__name", "name", "id"),
    "vip": ("vip_rank", "name", "id"),
    "created": ("created_at", "id"),
}


def filtered_profiles(request) -> ProfileFilter:
    return ProfileFilter(request.GET, queryset=queries.profiles())


@role_required(*access.READ)
def profile_list(request):
    profile_filter = filtered_profiles(request)
    listing = list_page(request, profile_filter.qs, sorts=PROFILE_SORTS, default="name")
    return render(
        request,
        "clienthistory/profile_list.html",
        {"filter": profile_filter, "listing": listing, "can_edit": has_role(request.user, *access.EDIT_PROFILES)},
    )


@role_required(*access.READ)
def profile_detail(request, pk):
    profile = get_object_or_404(Profile.objects.select_related("account", "vip_level", "merged_into"), pk=pk)
    if profile.merged_into_id:
        messages.info(request, _("This profile was merged into %(name)s.") % {"name": profile.merged_into.name})
        return redirect(profile.merged_into)
    return render(
        request,
        "clienthistory/profile_detail.html",
        {
            "profile": profile,
            "preferences": list(profile.preferences.all()),
            "activities": queries.activities_of(contact=profile),
            "merged_profiles": list(profile.merged_profiles.all()),
            "history": history_entries(profile),
            "panels": rendered(PROFILE_PANELS, profile, request.user),
            "cards": rendered(PROFILE_CARDS, profile, request.user),
            "buttons": buttons_for(PROFILE_BUTTONS, profile, request.user),
            "preference_form": PreferenceForm(),
            "can_edit": has_role(request.user, *access.EDIT_PROFILES),
            "can_manage": has_role(request.user, *access.MANAGE),
        },
    )


@role_required(*access.EDIT_PROFILES)
def profile_create(request):
    """A new profile, under the account of ?account= and with the mobile of ?mobile= when given (the caller's
    screen-pop offers one for a number it does not know)."""
    account = Account.objects.filter(pk=id_param(request.GET, "account")).first()
    mobile = normalise_mobile(query_param(request, "mobile"))
    return _profile_form(request, Profile(account=account, mobile=mobile))


@role_required(*access.EDIT_PROFILES)
def profile_edit(request, pk):
    return _profile_form(request, get_object_or_404(Profile, pk=pk, merged_into=None))


def _profile_form(request, profile: Profile):
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile = form.save()
        messages.success(request, _("Profile of %(name)s saved.") % {"name": profile.name})
        return redirect(profile)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": profile.name} if profile.pk else _("New guest profile"),
            "cancel_url": profile.get_absolute_url() if profile.pk else reverse("clienthistory:profile-list"),
        },
        status=400 if form.errors else 200,
    )


@role_required(*access.EDIT_PROFILES)
@require_POST
def preference_add(request, pk):
    profile = get_object_or_404(Profile, pk=pk, merged_into=None)
    form = PreferenceForm(request.POST, instance=Preference(profile=profile))
    if form.is_valid():
        form.save()
        form = PreferenceForm()
    return render(
        request,
        "clienthistory/snippets/preferences.html",
        {"profile": profile, "preferences": list(profile.preferences.all()), "preference_form": form, "can_edit": True},
        status=200 if not form.errors else 400,
    )


@role_required(*access.EDIT_PROFILES)
@require_POST
def preference_delete(request, pk):
    preference = get_object_or_404(Preference.objects.select_related("profile"), pk=pk)
    profile = preference.profile
    preference.delete()
    return render(
        request,
        "clienthistory/snippets/preferences.html",
        {"profile": profile, "preferences": list(profile.preferences.all()), "preference_form": PreferenceForm(),
         "can_edit": True},
    )  # fmt: skip
