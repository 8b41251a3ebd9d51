"""A letter campaign's printed letters: one PDF with a page for each member it was sent to, in the member's
language, addressed to the guest at their account's address — made once, when the campaign is sent."""

from django.conf import settings
from django.template.loader import render_to_string

from hotelsales.pdf import html_to_pdf
from marketing.campaigns.messages import message_for
from marketing.models import Campaign, Letters, Touch


def print_letters(campaign: Campaign) -> Letters:
    touches = (
        campaign.touches()
        .filter(outcome=Touch.Outcome.SENT)
        .select_related("profile", "profile__account")
        .order_by("profile__name", "pk")
    )
    letters = []
    for touch in touches:
        profile = touch.profile
        message = message_for(campaign, profile)
        account = profile.account
        letters.append({
            "language": message.language,
            "name": profile.name,
            "company": account.name if account else "",
            "address": account.address if account else "",
            "subject": message.subject,
            "body": message.body,
        })  # fmt: skip
    html = render_to_string(
        "marketing/letters/letters.html", {"campaign": campaign, "letters": letters, "hotel_name": settings.HOTEL_NAME}
    )
    printed, _created = Letters.objects.update_or_create(campaign=campaign, defaults={"pdf": html_to_pdf(html)})
    return printed
