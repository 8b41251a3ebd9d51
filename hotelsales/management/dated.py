from datetime import datetime, time

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


class PurgeCommand(BaseCommand):
    """A management command that runs a nightly purge as of now, or of the start of --date (a local date)."""

    job = None  # a function taking as_of= and returning a JobRun

    def add_arguments(self, parser):
        parser.add_argument("--date", type=iso_date, help="purge as of the start of this local date, YYYY-MM-DD")

    def handle(self, *args, **options):
        if options["date"]:
            as_of = timezone.make_aware(datetime.combine(options["date"], time.min))
        else:
            as_of = timezone.now()
        run = type(self).job(as_of=as_of)
        counts = ", ".join(f"{name}: {count}" for name, count in run.counts.items())
        self.stdout.write(f"{run.job} as of {timezone.localtime(as_of):%Y-%m-%d %H:%M}: {counts}")
