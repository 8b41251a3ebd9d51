from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from hotelsales.sms import verify
from marketing.channels.forms import InboundSmsForm
from marketing.channels.optouts import asks_to_stop, opt_out
from marketing.models import Channel, OptOut

# An inbound message is a phone number and a short text: anything larger is not the gateway's.
MAX_INBOUND_BYTES = 8 * 1024


@csrf_exempt
@require_POST
def sms_inbound(request):
    """The SMS gateway's call when a guest answers a text message: a form POST of phone, content, timestamp, nonce
    and signature (hotelsales.sms.sign with SMS_SECRET). "TD" and its kin opt the number out of text messages."""
    if len(request.body) > MAX_INBOUND_BYTES:
        return JsonResponse({"code": "TOO_LARGE"}, status=413)
    if not verify(request.POST.dict(), settings.SMS_SECRET):
        return JsonResponse({"code": "BAD_SIGNATURE"}, status=403)
    form = InboundSmsForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"code": "BAD_REQUEST", "errors": form.errors.get_json_data()}, status=400)
    stopped = asks_to_stop(form.cleaned_data["content"])
    if stopped:
        opt_out(
            channel=Channel.SMS,
            address=form.cleaned_data["phone"],
            source=OptOut.Source.REPLY,
            note=form.cleaned_data["content"],
        )
    return JsonResponse({"code": "OK", "opted_out": stopped})
