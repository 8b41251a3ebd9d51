"""The customer-facing emails reservations sends, registered for managers to reword (hotelsales.mailtemplates)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clienthistory.models import Profile
from hotelsales.mailtemplates import CustomerEmail, register
from reservations.models import FeedbackRequest


def feedback_request_values(context: dict) -> dict:
    return {
        "name": context["guest"].name,
        "link": f"{context['site_url']}{context['request'].get_absolute_url()}",
    }


def feedback_request_sample() -> dict:
    return {"guest": Profile(name=_("Zhang Wei")), "request": FeedbackRequest()}


def register_emails() -> None:
    register(
        CustomerEmail(
            name="feedback_request",
            title=gettext_lazy("Feedback request"),
            description=gettext_lazy(
                "Sent to a guest with an email address after a stay or an event, with the link to a short "
                "feedback form (valid for 30 days, answered once)."
            ),
            placeholders={
                "name": gettext_lazy("The guest's name"),
                "link": gettext_lazy("The guest's own link to the feedback form"),
            },
            values=feedback_request_values,
            sample=feedback_request_sample,
        )
    )
