"""The links of a marketing email: each followed link is counted (a click) before the guest is sent on, and the
unsubscribe link opts the address out. Both carry a signed token naming the touch (and the link's address), so a
link cannot be forged or pointed elsewhere: the app redirects only to an address it signed itself."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from marketing.channels.optouts import opt_out
from marketing.models import Channel, Click, OptOut, Touch

CLICK_SALT = "marketing.click"
UNSUBSCRIBE_SALT = "marketing.unsubscribe"


def tracked_url(touch: Touch, url: str) -> str:
    token = signing.dumps({"t": touch.pk, "u": url}, salt=CLICK_SALT, compress=True)
    return settings.SITE_URL + reverse("marketing:click", args=[token])


def unsubscribe_url(touch: Touch) -> str:
    return settings.SITE_URL + reverse("marketing:unsubscribe", args=[signing.dumps(touch.pk, salt=UNSUBSCRIBE_SALT)])


def followed(token: str) -> tuple[Touch, str] | None:
    """The touch and address a click link stands for; None for a token the app did not sign."""
    try:
        data = signing.loads(token, salt=CLICK_SALT)
        touch = Touch.objects.filter(pk=int(data["t"])).first()
        url = str(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return (touch, url) if touch else None


def unsubscribing(token: str) -> Touch | None:
    try:
        pk = int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return Touch.objects.select_related("profile").filter(pk=pk).first()


def record_click(*, touch: Touch, url: str) -> Click:
    """Count the guest's first click on this link (a second click, or a mail scanner's, changes nothing)."""
    click, _created = Click.objects.get_or_create(touch=touch, url=url[:500], defaults={"at": timezone.now()})
    return click


@transaction.atomic
def unsubscribe(touch: Touch) -> OptOut | None:
    """Opt the email address the touch was sent to out of marketing emails; None when the profile has none."""
    if not touch.profile.email:
        return None
    return opt_out(channel=Channel.EMAIL, address=touch.profile.email, source=OptOut.Source.LINK)
