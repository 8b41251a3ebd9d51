"""The customer-facing emails marketing sends, registered for managers to reword (hotelsales.mailtemplates)."""

from datetime import timedelta

from django.utils import formats, timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hotelsales.mailtemplates import Block, CustomerEmail, register
from hotelsales.punctuation import label
from marketing.models import Lead


def lead_receipt_values(context: dict) -> dict:
    lead = context["lead"]
    date_label = label(_("Date"))
    days = [formats.date_format(day, "DATE_FORMAT") for day in lead.dates]
    return {
        "reference": lead.reference,
        "name": lead.contact_name,
        "kind": lead.get_kind_display(),
        "dates": Block(
            text="".join(f"\n{date_label}{day}" for day in days),
            html=format_html_join("", "<br>{}{}", ((date_label, day) for day in days)),
        ),
    }


def lead_receipt_sample() -> dict:
    preferred = timezone.localdate() + timedelta(days=60)
    lead = Lead(
        reference="L2605-00042",
        kind=Lead.Kind.WEDDING,
        contact_name=_("Zhang Wei"),
        preferred_date=preferred,
        alternative_date=preferred + timedelta(days=7),
    )
    return {"lead": lead}


def register_emails() -> None:
    register(
        CustomerEmail(
            name="lead_receipt",
            title=gettext_lazy("Receipt of an inquiry"),
            description=gettext_lazy(
                "Sent to whoever sends an inquiry (the public inquiry form, or a lead typed in with an email "
                "address), with the inquiry's reference."
            ),
            placeholders={
                "reference": gettext_lazy("The inquiry's reference, as the thank-you page shows it"),
                "name": gettext_lazy("The name the inquirer gave"),
                "kind": gettext_lazy("What the inquiry is for: wedding, banquet, meeting …"),
                "dates": gettext_lazy("The dates asked for, each on a new line as “Date: …” (nothing when none)"),
            },
            values=lead_receipt_values,
            sample=lead_receipt_sample,
        )
    )
