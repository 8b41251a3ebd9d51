from django.core.management.base import BaseCommand
from django.utils import timezone

from hotelsales.management.arguments import iso_date
from receivables.dunning import plan, run_dunning


class Command(BaseCommand):
    help = "Send the payment reminders due on --date (default today); --dry-run lists them and sends nothing."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=iso_date, help="the business date, YYYY-MM-DD (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="show what would be sent; change nothing")

    def handle(self, *args, **options):
        on_date = options["date"] or timezone.localdate()
        if options["dry_run"]:
            for letter in plan(on_date):
                invoices = ", ".join(f"{due.invoice.number} (L{due.level.level})" for due in letter.dues)
                self.stdout.write(f"{letter.account.name} [{letter.channel}] {letter.total}: {invoices}")
        run = run_dunning(on_date=on_date, dry_run=options["dry_run"])
        counts = ", ".join(f"{name}: {count}" for name, count in run.counts.items())
        self.stdout.write(f"dunning for {on_date}{' (dry run)' if options['dry_run'] else ''}: {counts}")
