"""A lead comes in: numbered, routed to an owner and saved; the enquirer's receipt leaves after the commit."""

from django.db import connection, transaction
from django.utils import timezone

from hotelsales.emails import queue_email
from marketing.leads.routing import next_owner
from marketing.models import Lead


@transaction.atomic
def receive_lead(*, lead: Lead) -> Lead:
    """Save a new lead with its reference and owner, and queue the receipt to the enquirer's email (if given).

    The reference carries the row's id, drawn from the table's sequence before the insert, so it is unique
    without a second write or a retry."""
    lead.received_at = lead.received_at or timezone.now()
    lead.owner = next_owner(lead)
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [Lead._meta.db_table])
        lead.pk = cursor.fetchone()[0]
    lead.reference = f"L{timezone.localtime(lead.received_at):%y%m}-{lead.pk:05d}"
    # The reference is the sequence's, and the database holds the constraints: checking them again here would
    # cost the public form's post a query each.
    lead.full_clean(validate_unique=False, validate_constraints=False)
    lead.save(force_insert=True)
    if lead.email:
        queue_email("lead_receipt", {"lead": lead}, to=[lead.email], language=lead.language)
    return lead
