import random

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from clienthistory import demo as clienthistory_demo
from hotelsales.db import analyze
from hotelsales.demo import seed_users
from marketing.demo import audiences as audiences_demo
from marketing.demo import campaigns as campaigns_demo
from marketing.demo import leads as leads_demo
from marketing.demo import offers as offers_demo
from marketing.demo import plans as plans_demo
from marketing.demo import promotions as promotions_demo
from marketing.demo import sales_targets as sales_targets_demo
from marketing.demo import triggers as triggers_demo
from receivables import demo as receivables_demo
from reservations.demo import bookings as reservations_demo
from reservations.demo import guestcare as care_demo
from reservations.demo import rooms as rooms_demo


class Command(BaseCommand):
    help = "Load demo data into an empty database; does nothing when users already exist."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=1, help="1 = the demo; 100 = about five years of a 400-room hotel"
        )

    def handle(self, *args, scale, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        if User.objects.exists():
            self.stdout.write("The database already holds data; demo data not loaded.")
            return
        rng = random.Random(2026)
        today = timezone.localdate()
        # Nobody is emailed about demo data: its guests' addresses are made up and its feedback links belong to
        # the past. Emails go out on commit, here rather than from a worker, into the dummy backend, which must
        # therefore outlast the transaction.
        quiet = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend", EMAIL_SEND_INLINE=True)
        with quiet, transaction.atomic():
            seed_users()
            counts = clienthistory_demo.seed(scale=scale, rng=rng, today=today)
            counts |= reservations_demo.seed(scale=scale, rng=rng, today=today)
            counts |= rooms_demo.seed(scale=scale, rng=rng, today=today)
            counts |= receivables_demo.seed(scale=scale, rng=rng, today=today)
            # Last, so that the data of the demos before them stays what it was.
            counts |= care_demo.seed(scale=scale, rng=rng, today=today)
            counts |= promotions_demo.seed(scale=scale, rng=rng, today=today)
            counts |= audiences_demo.seed(scale=scale, rng=rng, today=today)
            counts |= campaigns_demo.seed(scale=scale, rng=rng, today=today)
            counts |= offers_demo.seed(scale=scale, rng=rng, today=today)
            counts |= triggers_demo.seed(scale=scale, rng=rng, today=today)
            # The plan's targets are set near the revenue of every stay, the campaigns' and triggers' bookings included.
            counts |= plans_demo.seed(scale=scale, rng=rng, today=today)
            # After every other demo, so that their data stays what it was; the converted leads point at their bookings.
            counts |= leads_demo.seed(scale=scale, rng=rng, today=today)
            # Near each salesperson's production of last, this and next month, every booking above included.
            counts |= sales_targets_demo.seed(scale=scale, rng=rng, today=today)
        # Where autovacuum is off, nothing else would give the planner the statistics of what was just loaded.
        analyze()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded at scale {scale}: {summary}."))
