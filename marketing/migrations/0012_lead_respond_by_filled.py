"""The leads already in get their response deadline, in working hours from when they were received, as new ones do
(marketing.leads.deadlines, which reads only the settings and the almanac)."""

from django.db import migrations

BATCH = 1000


def fill_respond_by(apps, schema_editor):
    from marketing.leads.deadlines import respond_by

    Lead = apps.get_model("marketing", "Lead")
    while batch := list(Lead.objects.filter(respond_by=None).order_by("pk").only("pk", "received_at")[:BATCH]):
        for lead in batch:
            lead.respond_by = respond_by(lead.received_at)
        Lead.objects.bulk_update(batch, ["respond_by"])


class Migration(migrations.Migration):
    dependencies = [("marketing", "0011_lead_routes")]

    operations = [migrations.RunPython(fill_respond_by, migrations.RunPython.noop)]
