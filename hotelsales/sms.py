"""Text messages (短信) through a configurable backend, as Django sends email.

`SMS_BACKEND` names the backend: `console` prints each message (development), `memory` keeps them in `outbox`
(tests), `gateway` posts them to an HTTP SMS gateway of the kind Chinese providers run: a form POST carrying the
registered sign name (签名), the approved template's code and its parameters, signed with HMAC-SHA256 over the
sorted fields with the account's secret. The gateway answers JSON: `{"code": "OK", "message_id": …}` when it took
the message, another code (and a message) when it refused it.

A refusal (a bad number, a template not approved, a number that opted out) is final: `SmsRefused`. A gateway that
does not answer, answers 5xx or no JSON is down for now: `SmsUnavailable`, to be retried later (one that did not
answer in time may have sent the message: `maybe_sent`).

Inbound messages (a guest answering "TD" / "退订") come to the app's webhook signed the same way: `verify` checks
the signature and its age.
"""

import base64
import hashlib
import hmac
import json
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# An inbound call older (or newer) than this is refused, so a captured call cannot be replayed later.
MAX_CLOCK_SKEW_SECONDS = 300


@dataclass(frozen=True)
class TextMessage:
    to: str  # a mobile number as the profiles keep it: digits, optionally starting with +
    template: str  # the gateway's approved template code
    params: dict[str, str] = field(default_factory=dict)
    text: str = ""  # the message as the guest reads it, for the console and the record


class SmsRefused(Exception):
    """The gateway refused this message; sending it again would be refused again."""

    def __init__(self, code: str, message: str = ""):
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code


class SmsUnavailable(Exception):
    """The gateway could not be reached or failed; the message may be sent again later — unless `maybe_sent`: the
    gateway did not answer in time, so it may have taken the message, and sending it again might send it twice."""

    def __init__(self, reason: str, *, maybe_sent: bool = False):
        super().__init__(reason)
        self.maybe_sent = maybe_sent


def sign(fields: dict[str, str], secret: str) -> str:
    """The signature of a call's fields: HMAC-SHA256 of `key=value` pairs sorted by key and joined by `&`."""
    canonical = "&".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "signature")
    digest = hmac.new(secret.encode(), canonical.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def verify(fields: dict[str, str], secret: str, *, now: float | None = None) -> bool:
    """Whether an inbound call carries a valid signature made within MAX_CLOCK_SKEW_SECONDS."""
    if not secret:
        return False
    try:
        age = abs((now if now is not None else time.time()) - int(fields.get("timestamp", "")))
    except ValueError:
        return False
    expected = sign(fields, secret)
    return age <= MAX_CLOCK_SKEW_SECONDS and hmac.compare_digest(expected, fields.get("signature", ""))


# What the memory backend sent, oldest first (tests empty it).
outbox: list[TextMessage] = []


class ConsoleBackend:
    def send(self, message: TextMessage) -> str:
        sys.stdout.write(f"SMS to {message.to} [{message.template}]: {message.text or message.params}\n")
        return f"console-{secrets.token_hex(6)}"


class MemoryBackend:
    def send(self, message: TextMessage) -> str:
        outbox.append(message)
        return f"memory-{len(outbox)}"


class GatewayBackend:
    def __init__(self):
        self.url = settings.SMS_GATEWAY_URL
        self.access_key = settings.SMS_ACCESS_KEY
        self.secret = settings.SMS_SECRET
        if not (self.url and self.access_key and self.secret and settings.SMS_SIGN_NAME):
            raise ImproperlyConfigured(
                "SMS_BACKEND=gateway needs SMS_GATEWAY_URL, SMS_ACCESS_KEY, SMS_SECRET and SMS_SIGN_NAME."
            )

    def send(self, message: TextMessage) -> str:
        fields = {
            "access_key": self.access_key,
            "sign_name": settings.SMS_SIGN_NAME,
            "template_code": message.template,
            "phone": message.to,
            "params": json.dumps(message.params, ensure_ascii=False, sort_keys=True),
            "timestamp": str(int(time.time())),
            "nonce": secrets.token_hex(8),
        }
        fields["signature"] = sign(fields, self.secret)
        request = urllib.request.Request(self.url, data=urllib.parse.urlencode(fields).encode(), method="POST")
        try:
            with urllib.request.urlopen(request, timeout=settings.SMS_TIMEOUT) as response:
                answer = json.loads(response.read(64 * 1024))
        except urllib.error.HTTPError as error:
            if error.code >= 500:
                raise SmsUnavailable(f"the gateway answered {error.code}") from error
            answer = _json_of(error)
        except (urllib.error.URLError, OSError, ValueError) as error:
            timed_out = isinstance(error, TimeoutError) or isinstance(getattr(error, "reason", None), TimeoutError)
            raise SmsUnavailable(str(error), maybe_sent=timed_out) from error
        if not isinstance(answer, dict):
            raise SmsUnavailable("the gateway answered no JSON object")
        if answer.get("code") != "OK":
            raise SmsRefused(str(answer.get("code", "")), str(answer.get("message", "")))
        return str(answer.get("message_id", ""))


def _json_of(error: urllib.error.HTTPError):
    """The JSON a gateway sent with a 4xx answer (its reason); unavailable when there is none."""
    try:
        return json.loads(error.read(64 * 1024))
    except ValueError as unreadable:
        raise SmsUnavailable(f"the gateway answered {error.code}") from unreadable


BACKENDS = {"console": ConsoleBackend, "memory": MemoryBackend, "gateway": GatewayBackend}


def send_sms(message: TextMessage) -> str:
    """Send one text message through the configured backend; returns the gateway's message id."""
    return BACKENDS[settings.SMS_BACKEND]().send(message)
