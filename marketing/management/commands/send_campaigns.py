from django.core.management.base import BaseCommand
from django.utils import timezone

from hotelsales.jobs import recorded_run
from marketing.campaigns.sending import TryLater, due, run


class Command(BaseCommand):
    help = "Send the approved campaigns whose time has come, in this process rather than through a worker."

    def handle(self, *args, **options):
        with recorded_run("send_campaigns", on_date=timezone.localdate()) as record:
            outcomes = {}
            for pk in due(timezone.now()):
                try:
                    outcomes[pk] = run(pk)
                except TryLater as down:
                    outcomes[pk] = f"channel down, to try later ({down})"
            record.counts = {"campaigns_started": len(outcomes)}
        for pk, outcome in outcomes.items():
            self.stdout.write(f"campaign {pk}: {outcome}")
        self.stdout.write(f"send_campaigns: {len(outcomes)} due")
