from datetime import datetime, time

from django.core.management.base import BaseCommand
from django.utils import timezone

from hotelsales.housekeeping import purge_expired_sessions
from hotelsales.management.arguments import iso_date


class Command(BaseCommand):
    help = "Delete expired sign-in sessions (the nightly job), as of now or of the start of --date."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=iso_date, help="purge sessions expired before this local date")

    def handle(self, *args, **options):
        if options["date"]:
            as_of = timezone.make_aware(datetime.combine(options["date"], time.min))
        else:
            as_of = timezone.now()
        run = purge_expired_sessions(as_of=as_of)
        self.stdout.write(f"Deleted {run.counts['sessions_deleted']} expired sessions.")
