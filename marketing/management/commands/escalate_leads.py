from django.core.management.base import BaseCommand
from django.utils import timezone

from marketing.leads.escalation import escalate_unanswered_leads


class Command(BaseCommand):
    help = "Tell the managers about new leads without a first response past LEAD_RESPONSE_HOURS (each once)."

    def handle(self, *args, **options):
        run = escalate_unanswered_leads(now=timezone.now())
        self.stdout.write(f"escalate_leads: {run.counts['leads_escalated']} escalated")
