"""The public inquiry form's per-address rate limit, kept in Django's cache (Redis): at most
INQUIRY_RATE_PER_MINUTE posts from one address in each clock minute. Every post counts, valid or not, so a script
trying field values is cut off as fast as one sending inquiries. The address is the client's as
hotelsales.proxies reads it behind the hotel's proxies; leads keep only a keyed hash of it."""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from hotelsales.proxies import client_address


def address_of(request) -> str:
    return client_address(request) or ""


def over_rate(address: str) -> bool:
    """Count one post from `address`; whether it is over the minute's limit."""
    key = f"inquiry-rate:{address_hash(address)}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    return cache.incr(key) > settings.INQUIRY_RATE_PER_MINUTE


def address_hash(address: str) -> str:
    return salted_hmac("marketing.inquiry.address", address, algorithm="sha256").hexdigest()
