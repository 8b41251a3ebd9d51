from datetime import date, datetime, time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hotelsales.jobs import recorded_run
from marketing.models import Touch, Trigger
from marketing.tasks import counted
from marketing.triggers import running

# How many members a dry run lists per trigger (it counts them all).
DRY_RUN_SHOWN = 200


class Command(BaseCommand):
    help = (
        "Run the active triggers, in this process rather than through a worker: each member whose moment came is "
        "touched once per occasion, however often this runs. --date runs as of that day (at the daily hour); "
        "--dry-run lists who would be touched and why, and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="The day to run as of (YYYY-MM-DD); today if "
                                                                    "not given.")  # fmt: skip
        parser.add_argument("--dry-run", action="store_true", help="List who would be touched, and write nothing.")

    def handle(self, *args, date=None, dry_run=False, **options):
        now = self._moment(date)
        if dry_run:
            self._dry_run(now)
            return
        with recorded_run("run_triggers", on_date=timezone.localdate(now)) as record:
            outcomes = running.run_all(now=now)
            record.counts = counted(outcomes)
        for pk, outcome in outcomes.items():
            self.stdout.write(f"trigger {pk}: {outcome}")
        self.stdout.write(f"run_triggers: {len(outcomes)} triggers")

    def _moment(self, day):
        if day is None or day == timezone.localdate():
            return timezone.now()
        if abs((day - timezone.localdate()).days) > 366:
            raise CommandError("--date must be within a year of today.")
        return timezone.make_aware(datetime.combine(day, time(settings.TRIGGERS_HOUR)))

    def _dry_run(self, now):
        outcomes = dict(Touch.Outcome.choices)
        for trigger in Trigger.objects.filter(active=True).select_related("offer", "audience").order_by("pk"):
            shown, total = running.dry_run(trigger, now=now, limit=DRY_RUN_SHOWN)
            self.stdout.write(f"trigger {trigger.pk} {trigger.name}: {total} to reach")
            for plan in shown:
                said = outcomes[plan.outcome] + (f" ({plan.refusal})" if plan.refusal else "")
                self.stdout.write(f"  {plan.profile.pk} {plan.profile.name} · {plan.why} · {said}")
            if total > len(shown):
                self.stdout.write(f"  … and {total - len(shown)} more")
