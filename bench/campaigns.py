"""Time sending one email campaign to 50,000 guests through the in-memory mail backend (called by bench/run.py,
inside Django settings pointing at a scratch database). Prints JSON: seconds, messages a second, queries in all
and per batch of sending."""

import json
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hotelsales.startup import load_settings

load_settings()
import django

django.setup()

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from clienthistory.models import Profile
from hotelsales.db import analyze
from marketing.campaigns.sending import SEND_BATCH, run
from marketing.models import Audience, Campaign, Promotion

MEMBERS = 50_000


def seed() -> Campaign:
    owner = get_user_model().objects.create_user("bench-marketing")
    Profile.objects.bulk_create(
        (Profile(name=f"宾客{n}", email=f"guest{n}@example.cn", mobile=f"139{n:08d}", marketing_consent=True)
         for n in range(MEMBERS)),
        batch_size=5000,
    )  # fmt: skip
    analyze(Profile)
    today = timezone.localdate()
    promotion = Promotion.objects.create(name="基准促销", starts_on=today, ends_on=today, segments=["leisure"],
                                         offer="每晚立减 100 元", offer_code="BENCH", owner=owner)  # fmt: skip
    audience = Audience.objects.create(name="全部宾客", rules=[], owner=owner)
    return Campaign.objects.create(
        name="基准邮件", promotion=promotion, audience=audience, channel="email", subject_zh="{name}，您好",
        subject_en="Dear {name}", body_zh="{name}您好：{offer}，优惠码 {code}。{link}",
        body_en="Dear {name}: {offer}, code {code}. {link}", landing_url="https://hotel.example.cn/offer",
        send_at=timezone.now(), status="approved", owner=owner, control_share=Decimal("10"),
    )  # fmt: skip


def main():
    campaign = seed()
    statements = []
    started = time.perf_counter()
    with connection.execute_wrapper(lambda execute, sql, *rest: statements.append(sql) or execute(sql, *rest)):
        outcome = run(campaign.pk)
    seconds = time.perf_counter() - started
    sent = campaign.touches().filter(outcome="sent").count()
    batches = -(-sent // SEND_BATCH)
    print(json.dumps({"outcome": outcome, "members": MEMBERS, "sent": sent, "seconds": round(seconds, 1),
                      "per_second": round(sent / seconds), "queries": len(statements),
                      "queries_per_batch": round(len(statements) / batches, 1)}))  # fmt: skip


if __name__ == "__main__":
    main()
