from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from clienthistory import access, queries
from clienthistory.merge import merge_profiles
from hotelsales.listing import list_page
from hotelsales.roles import role_required

DUPLICATE_ORDER = {"reason": ("reason", "profile_a_id", "profile_b_id")}


def _duplicate_page(request, *, status: int = 200):
    listing = list_page(request, queries.duplicate_candidates(), sorts=DUPLICATE_ORDER, default="reason")
    return render(request, "clienthistory/duplicate_list.html", {"listing": listing}, status=status)


@role_required(*access.SELL)
def duplicate_list(request):
    return _duplicate_page(request)


@role_required(*access.SELL)
def profile_merge(request):
    """GET: the two profiles side by side; POST: merge `drop` into `keep`."""
    data = request.POST if request.method == "POST" else request.GET
    try:
        keep_pk, drop_pk = int(data.get("keep", "")), int(data.get("drop", ""))
    except ValueError:
        messages.error(request, _("Choose the profile to keep and the one to merge into it."))
        return _duplicate_page(request, status=400)
    keep = get_object_or_404(queries.profiles().prefetch_related("preferences"), pk=keep_pk)
    drop = get_object_or_404(queries.profiles().prefetch_related("preferences"), pk=drop_pk)
    if request.method == "POST":
        try:
            merge_profiles(keep=keep, drop=drop, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("clienthistory:duplicate-list")
        messages.success(request, _("%(drop)s was merged into %(keep)s.") % {"drop": drop.name, "keep": keep.name})
        return redirect(keep)
    return render(request, "clienthistory/profile_merge.html", {"keep": keep, "drop": drop})
