"""Time the daily trigger run over a seeded benchmark database (called by bench/run.py, inside Django settings
pointing at a scale's database, email and text messages to memory): one active email trigger for every date moment
at its default N with a tenth kept out as control, beside the demo's own, then `run_all` as the beat runs it this
morning. Prints JSON: seconds, the touches made, and the queries, in all and per batch of drawing (DRAW_BATCH
members) or sending (SEND_BATCH messages), per moment too (a run that finds nobody counts as one batch).

Everything the run writes is rolled back at the end, so a database kept with --reuse is measured again as it was.
"""

import json
import sys
import time
from collections import Counter
from contextlib import contextmanager
from datetime import datetime
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hotelsales.startup import load_settings

load_settings()
import django

django.setup()

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from clienthistory.models import Profile
from marketing.campaigns.sending import DRAW_BATCH, SEND_BATCH
from marketing.models import Touch, Trigger
from marketing.models.touches import REACHING
from marketing.triggers import running
from marketing.triggers.moments import MOMENTS
from reservations.models import Reservation


class Counted:
    """The statements run while it is open, per trigger run (running.run is wrapped to tell them apart)."""

    def __init__(self):
        self.by_trigger: Counter = Counter()
        self.current: int | None = None

    def __call__(self, execute, sql, params, many, context):
        self.by_trigger[self.current] += 1
        return execute(sql, params, many, context)

    @contextmanager
    def runs(self):
        unwrapped = running.run

        def run(trigger, **options):
            self.current = trigger.pk
            try:
                return unwrapped(trigger, **options)
            finally:
                self.current = None

        running.run = run
        try:
            yield
        finally:
            running.run = unwrapped


def bench_triggers() -> list[Trigger]:
    owner = get_user_model().objects.filter(is_superuser=False).order_by("pk").first()
    made = []
    for moment, kind in MOMENTS.items():
        if kind.live or kind.pushed:
            continue
        made.append(
            Trigger.objects.create(
                name=f"基准 {moment}", moment=moment, number=kind.default, channel="email", subject_zh="{name}，您好",
                subject_en="Dear {name}", body_zh="{name}您好：{hotel}期待您的光临。{link}",
                body_en="Dear {name}: {hotel} looks forward to seeing you. {link}",
                landing_url="https://hotel.example.cn/offers", control_share=10, owner=owner,
            )
        )  # fmt: skip
    return made


def main():
    # This morning, at the hour the beat runs it (outside the quiet hours of text messages, whenever measured).
    now = timezone.make_aware(datetime.combine(timezone.localdate(), clock(settings.TRIGGERS_HOUR)))
    with transaction.atomic():
        bench_triggers()
        active = list(Trigger.objects.filter(active=True))
        last = Touch.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        counted = Counted()
        started = time.perf_counter()
        with counted.runs(), connection.execute_wrapper(counted):
            outcomes = running.run_all(now=now)
        seconds = time.perf_counter() - started
        made = Counter(Touch.objects.filter(pk__gt=last).values_list("trigger", "outcome").order_by())
        moments = {trigger.pk: trigger.moment for trigger in active}
        per_moment: dict[str, dict] = {}
        for trigger, queries in counted.by_trigger.items():
            if trigger is None:  # run_all's own look for the active triggers
                continue
            touched = sum(n for (pk, _outcome), n in made.items() if pk == trigger)
            sent = sum(n for (pk, outcome), n in made.items() if pk == trigger and outcome in REACHING)
            row = per_moment.setdefault(moments[trigger], Counter())
            # The run draws its members DRAW_BATCH at a time and sends SEND_BATCH at a time; a run that finds
            # nobody still looks once.
            row["batches"] += max(1, -(-touched // DRAW_BATCH) + -(-sent // SEND_BATCH))
            row.update(triggers=1, touches=touched, sent=sent, queries=queries)
        per_moment = {
            moment: {**row, "queries_per_batch": round(row["queries"] / row["batches"], 1)}
            for moment, row in per_moment.items()
        }
        touches = sum(made.values())
        queries = sum(counted.by_trigger.values())
        batches = sum(row["batches"] for row in per_moment.values())
        transaction.set_rollback(True)
    print(json.dumps({
        "profiles": Profile.objects.count(), "stays": Reservation.objects.count(), "triggers": len(outcomes),
        "outcomes": dict(Counter(outcomes.values())), "seconds": round(seconds, 1),
        "touches": touches, "sent": sum(row["sent"] for row in per_moment.values()), "queries": queries,
        "batches": batches, "queries_per_batch": round(queries / max(batches, 1), 1), "per_moment": per_moment,
    }, ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
