from django.core.management.base import BaseCommand
from django.utils import timezone

from reservations.guestcare.complaints import escalate_overdue_complaints


class Command(BaseCommand):
    help = "Escalate complaints whose first response is overdue to the managers (each once)."

    def handle(self, *args, **options):
        run = escalate_overdue_complaints(now=timezone.now())
        self.stdout.write(f"escalate_complaints: {run.counts['complaints_escalated']} escalated")
