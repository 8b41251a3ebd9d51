from django.core.management.base import BaseCommand
from django.utils import timezone

from hotelsales.management.arguments import iso_date


class DatedJobCommand(BaseCommand):
    """A management command that runs a scheduled job for --date (default: today in the hotel's time zone)."""

    job = None  # a function taking on_date= and returning a JobRun

    def add_arguments(self, parser):
        parser.add_argument("--date", type=iso_date, help="the business date, YYYY-MM-DD (default: today)")

    def handle(self, *args, **options):
        on_date = options["date"] or timezone.localdate()
        run = type(self).job(on_date=on_date)
        counts = ", ".join(f"{name}: {count}" for name, count in run.counts.items())
        self.stdout.write(f"{run.job} for {on_date}: {counts}")
