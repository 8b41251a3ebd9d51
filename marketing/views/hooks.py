"""Location moments (位置营销) reported by the hotel's other systems: the guest Wi-Fi portal when a guest signs in,
the car dispatch when the hotel's car has picked a guest up at the airport or the station. Each calls with the
guest's mobile or the reservation's confirmation number, signed as the SMS gateway's calls are (HMAC-SHA256 with
LOCATION_HOOK_SECRET; no secret set, no call admitted), and the triggers of that moment fire for the stay, once
per stay however often the portal calls (marketing.triggers.running.fire_now, in a worker after the commit)."""

from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from hotelsales.sms import verify
from marketing.assist.calls import kept_as
from marketing.channels.forms import LocationForm
from marketing.models import Moment
from marketing.tasks import fire_moment_task
from reservations.models import Reservation

MAX_BODY_BYTES = 8 * 1024
MOMENTS = {LocationForm.WIFI: Moment.WIFI_SIGN_IN, LocationForm.PICKUP: Moment.PICKED_UP}


def _stay(*, mobile: str, confirmation: str, today) -> Reservation | None:
    """The guest's stay of today: checked in, or (for a pickup) arriving today."""
    stays = Reservation.objects.filter(
        status__in=(Reservation.Status.CHECKED_IN, Reservation.Status.RESERVED),
        arrival__lte=today,
        departure__gt=today,
        guest__merged_into=None,
    )
    stays = stays.filter(confirmation=confirmation) if confirmation else stays.filter(guest__mobile__in=kept_as(mobile))
    return stays.order_by("-status", "-arrival", "-pk").first()


@csrf_exempt
@require_POST
def location(request):
    if len(request.body) > MAX_BODY_BYTES:
        return JsonResponse({"code": "TOO_LARGE"}, status=413)
    if not verify(request.POST.dict(), settings.LOCATION_HOOK_SECRET):
        return JsonResponse({"code": "BAD_SIGNATURE"}, status=403)
    form = LocationForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"code": "BAD_REQUEST", "errors": form.errors.get_json_data()}, status=400)
    kind = form.cleaned_data["kind"]
    stay = _stay(mobile=form.cleaned_data["mobile"], confirmation=form.cleaned_data["confirmation"],
                 today=timezone.localdate())  # fmt: skip
    if stay is None or (kind == LocationForm.WIFI and stay.status != Reservation.Status.CHECKED_IN):
        return JsonResponse({"code": "NO_STAY"}, status=404)
    moment, guest, key = MOMENTS[kind], stay.guest_id, f"stay:{stay.pk}"
    why = f"{Moment(moment).label} ({stay.confirmation})"
    transaction.on_commit(lambda: fire_moment_task.delay(moment, guest, key, why))
    return JsonResponse({"code": "OK", "confirmation": stay.confirmation})
