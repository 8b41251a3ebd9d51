"""The public inquiry form (/inquiry/): no sign-in, in the visitor's language (the switcher, the browser's, or
?lang=en from the hotel's website), framed by the hotel's website when INQUIRY_FRAME_ANCESTORS names it.

It is exempt from CSRF: it acts for no signed-in user (a forged post could only send an inquiry, which anyone
may), and inside the hotel's website's frame the browser withholds the CSRF cookie. The signed time the form
was shown (marketing.leads.forms) takes the token's place against replayed posts."""

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from marketing.leads.defences import address_hash, address_of, over_rate
from marketing.leads.forms import PublicInquiryForm
from marketing.leads.intake import receive_lead
from marketing.models import Lead

THANKS_SALT = "marketing.inquiry.thanks"


def _framable(response):
    """Let the hotel's website frame this page, and no one else (every other page may be framed by no one)."""
    if settings.INQUIRY_FRAME_ANCESTORS:
        response._csp_replace = {"frame-ancestors": settings.INQUIRY_FRAME_ANCESTORS}
        response.xframe_options_exempt = True
    return response


def _language(request) -> str:
    asked = request.GET.get("lang", "")
    if asked in dict(settings.LANGUAGES):
        translation.activate(asked)
    return translation.get_language()


@never_cache
@csrf_exempt
def inquiry_form(request):
    language = _language(request)
    if request.method == "POST":
        address = address_of(request)
        if over_rate(address):
            return _framable(render(request, "marketing/inquiry_busy.html", status=429))
        form = PublicInquiryForm(request.POST)
        if form.is_bait_taken:
            return redirect(f"{reverse('inquiry:thanks')}?lang={language}")
        if form.is_valid():
            lead = form.save(commit=False)
            lead.source, lead.language, lead.address_hash = Lead.Source.WEB, language, address_hash(address)
            lead = receive_lead(lead=lead)
            token = signing.dumps(lead.reference, salt=THANKS_SALT)
            return redirect(f"{reverse('inquiry:thanks')}?r={token}&lang={language}")
    else:
        form = PublicInquiryForm()
    return _framable(render(request, "marketing/inquiry.html", {"form": form}, status=400 if form.errors else 200))


@never_cache
def inquiry_thanks(request):
    """The thank-you page, with the reference when the link carries it signed (it cannot be made up)."""
    _language(request)
    try:
        reference = signing.loads(request.GET.get("r", ""), salt=THANKS_SALT, max_age=60 * 60)
    except signing.BadSignature:
        reference = None
    return _framable(render(request, "marketing/inquiry_thanks.html", {"reference": reference}))
