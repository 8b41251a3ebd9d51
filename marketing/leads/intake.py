"""A lead comes in: numbered, routed to an owner, given its response deadline and saved; the enquirer's receipt
leaves after the commit."""

from django.db import connection, transaction
from django.utils import timezone

from hotelsales.emails import queue_email
from marketing.leads.deadlines import respond_by
from marketing.leads.receipts import wants_sms_receipt
from marketing.leads.routing import route_lead
from marketing.models import Lead, LeadRoute


@transaction.atomic
def receive_lead(*, lead: Lead, taken_by=None, routes: list[LeadRoute] | None = None, receipt: bool = True) -> Lead:
    """Save a new lead with its reference, owner and deadline, and queue the receipt to the enquirer's email (if
    given and `receipt`), else by text message (marketing.leads.receipts). `taken_by`: the person entering it takes
    it, whatever the routing would say; `routes`: the active routing rules, when the caller has read them already
    (an import, once per file).

    The reference carries the row's id, drawn from the table's sequence before the insert, so it is unique
    without a second write or a retry."""
    lead.received_at = lead.received_at or timezone.now()
    lead.respond_by = respond_by(lead.received_at)
    if taken_by is not None:
        lead.owner, lead.routed_by, lead.route = taken_by, Lead.RoutedBy.TAKEN, None
    else:
        routing = route_lead(lead, routes=routes)
        lead.owner, lead.routed_by, lead.route = routing.owner, routing.routed_by, routing.route
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [Lead._meta.db_table])
        lead.pk = cursor.fetchone()[0]
    lead.reference = f"L{timezone.localtime(lead.received_at):%y%m}-{lead.pk:05d}"
    # The reference is the sequence's, and the database holds the constraints: checking them again here would
    # cost the public form's post a query each.
    lead.full_clean(validate_unique=False, validate_constraints=False)
    lead.save(force_insert=True)
    if lead.email and receipt:
        queue_email("lead_receipt", {"lead": lead}, to=[lead.email], language=lead.language)
    elif receipt and wants_sms_receipt(lead):
        # The task module imports the leads' modules, so it is imported here, when a receipt is sent.
        from marketing.tasks import send_lead_receipt_sms_task

        send_lead_receipt_sms_task.delay_on_commit(lead.pk)
    return lead
