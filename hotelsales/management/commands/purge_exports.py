from datetime import datetime, time

from django.core.management.base import BaseCommand
from django.utils import timezone

from hotelsales.exports import purge_old_exports
from hotelsales.management.arguments import iso_date


class Command(BaseCommand):
    help = "Delete export files older than EXPORT_KEEP_DAYS (the nightly job), as of now or of the start of --date."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=iso_date, help="count the days back from the start of this local date")

    def handle(self, *args, **options):
        if options["date"]:
            as_of = timezone.make_aware(datetime.combine(options["date"], time.min))
        else:
            as_of = timezone.now()
        run = purge_old_exports(as_of=as_of)
        self.stdout.write(f"Deleted {run.counts['exports_deleted']} old export files.")
