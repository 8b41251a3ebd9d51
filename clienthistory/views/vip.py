from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from clienthistory import access
from clienthistory.forms import VipLevelForm
from clienthistory.models import VipLevel
from hotelsales.roles import role_required


@role_required(*access.MANAGE)
def vip_level_list(request):
    return render(request, "clienthistory/vip_level_list.html", {"levels": VipLevel.objects.all()})


@role_required(*access.MANAGE)
def vip_level_create(request):
    return _vip_level_form(request, VipLevel())


@role_required(*access.MANAGE)
def vip_level_edit(request, pk):
    return _vip_level_form(request, get_object_or_404(VipLevel, pk=pk))


def _vip_level_form(request, level: VipLevel):
    form = VipLevelForm(request.POST or None, instance=level)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("VIP level saved."))
        return redirect("clienthistory:vip-level-list")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Edit VIP level %(code)s") % {"code": level.code} if level.pk else _("New VIP level"),
            "cancel_url": reverse("clienthistory:vip-level-list"),
        },
        status=400 if form.errors else 200,
    )
