"""The address a request came from, when the app runs behind TRUSTED_PROXY_COUNT proxies (load balancer, nginx).

Behind a proxy every request reaches the app from the proxy's address, so the sign-in lockout (django-axes, which
asks this module) would lock a user name out for everybody after five bad attempts through it. Each proxy appends
the address it received the request from to X-Forwarded-For, so of that list the last TRUSTED_PROXY_COUNT entries
were written by the hotel's own proxies, and the first of those is the client's address; anything before it came
from the client and may be forged. Without proxies (the default) the header is ignored, since anyone can send it.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies:
        try:
            return str(ipaddress.ip_address(forwarded[-proxies]))
        except ValueError:
            pass  # not an address: the proxies are not set up as documented, so count the nearest one
    return request.META.get("REMOTE_ADDR")
