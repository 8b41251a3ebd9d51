from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from marketing.channels.links import followed, record_click, unsubscribe, unsubscribing


@never_cache
def click(request, token):
    """A link of a marketing email: count the guest's click, then send them on to the address the app signed."""
    found = followed(token)
    if found is None:
        raise Http404
    touch, url = found
    record_click(touch=touch, url=url)
    return HttpResponseRedirect(url)


@never_cache
@csrf_exempt
def unsubscribe_page(request, token):
    """The unsubscribe link: a page that asks (mail scanners open links, so a visit changes nothing), and the
    answer — the page's button, or a mail program's one-click POST (RFC 8058), authenticated by the signed token."""
    touch = unsubscribing(token)
    if touch is None:
        raise Http404
    done = request.method == "POST"
    if done:
        unsubscribe(touch)
    return render(request, "marketing/unsubscribe.html", {"done": done, "guest": touch.profile})
