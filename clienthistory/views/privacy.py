import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clienthistory import access
from clienthistory.models import Profile
from clienthistory.privacy import anonymise_profile, export_profile_data
from hotelsales.roles import role_required


@role_required(*access.MANAGE)
def profile_privacy_export(request, pk):
    profile = get_object_or_404(Profile, pk=pk)
    body = json.dumps(export_profile_data(profile), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="guest-{profile.pk}.json"'
    return response


@role_required(*access.MANAGE)
@require_POST
def profile_anonymise(request, pk):
    profile = get_object_or_404(Profile, pk=pk, merged_into=None)
    anonymise_profile(profile=profile, by=request.user)
    messages.success(request, _("The guest's personal data was erased."))
    return redirect(profile)
