"""The trigger runs: each member touched once per occasion under reruns and runs at once (threads and two
processes), the contact rules and the control group applied, tasks handed to sales, and the dry run writing
nothing."""

import os
import subprocess
import sys
import threading
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone, translation

from clienthistory.models import Activity
from hotelsales.db import held_lock
from marketing.audiences.rules import make_rule
from marketing.campaigns.messages import message_for
from marketing.channels.optouts import opt_out
from marketing.measurement import in_control_group
from marketing.models import Call, Moment, Refusal, Touch
from marketing.tasks import run_triggers_task
from marketing.triggers.running import dry_run, fire_now, run, run_all
from reservations.models import Reservation
from tests.factories import (
    AccountFactory,
    AudienceFactory,
    OfferFactory,
    ProfileFactory,
    TriggerFactory,
    UserFactory,
    VipLevelFactory,
)
from tests.marketing.segments import stay

pytestmark = pytest.mark.django_db


def birthday_guests(n: int, *, days: int = 7, today: date | None = None, **fields):
    """`n` consenting guests with an email whose birthday is `days` from `today` (the hotel's today if not given)."""
    coming = (today or timezone.localdate()) + timedelta(days=days)
    born = date(1985, coming.month, min(coming.day, 28))
    return [ProfileFactory(**{"birthday": born, "marketing_consent": True, **fields}) for _ in range(n)]


def outcomes(trigger) -> Counter:
    return Counter(trigger.touches().values_list("outcome", flat=True))


def test_a_rerun_touches_nobody_twice_and_the_control_group_gets_nothing():
    guests = birthday_guests(40)
    trigger = TriggerFactory(control_share=Decimal("25"))
    assert run(trigger) == "done"
    control = {g.pk for g in guests if in_control_group(trigger.seed, g.pk, Decimal("0.25"))}
    assert 0 < len(control) < 40
    assert sorted(message.to[0] for message in mail.outbox) == sorted(g.email for g in guests if g.pk not in control)
    assert run(trigger) == "done"
    assert run_all() == {trigger.pk: "done"}
    assert len(mail.outbox) == 40 - len(control)
    assert outcomes(trigger) == {Touch.Outcome.SENT: 40 - len(control), Touch.Outcome.CONTROL: len(control)}
    year = (timezone.localdate() + timedelta(days=7)).year
    assert set(trigger.touches().values_list("occasion", flat=True)) == {f"trigger:{trigger.pk}:birthday:{year}"}


def test_the_contact_rules_hold_back_and_are_recorded():
    [willing] = birthday_guests(1)
    [unwilling] = birthday_guests(1, marketing_consent=False)
    [opted] = birthday_guests(1)
    opt_out(channel="email", address=opted.email, source="staff")
    [staying] = birthday_guests(1)
    stay(staying, timezone.localdate() - timedelta(days=1), 3, status=Reservation.Status.CHECKED_IN)
    trigger = TriggerFactory(control_share=0)
    run(trigger)
    touches = {touch.profile_id: touch for touch in trigger.touches()}
    assert touches[willing.pk].outcome == Touch.Outcome.SENT
    assert touches[unwilling.pk].refusal == Refusal.NO_CONSENT
    assert touches[opted.pk].refusal == Refusal.NO_CONSENT  # the opt-out took the consent too
    assert touches[staying.pk].refusal == Refusal.IN_HOUSE
    assert [message.to[0] for message in mail.outbox] == [willing.email]


def test_the_frequency_cap_counts_the_triggers_messages_with_the_campaigns(settings):
    settings.MARKETING_CAP_MESSAGES = 1
    birthday_guests(1)
    first = TriggerFactory(control_share=0)
    second = TriggerFactory(control_share=0)
    run(first)
    run(second)
    assert second.touches().get().refusal == Refusal.FREQUENCY_CAP
    assert len(mail.outbox) == 1


def test_a_milestone_reaches_the_guest_staying_for_it_where_a_birthday_greeting_waits():
    today = timezone.localdate()
    [guest] = birthday_guests(1)
    stay(guest, today - timedelta(days=400))
    stay(guest, today - timedelta(days=1), 3, status=Reservation.Status.CHECKED_IN)
    milestone = TriggerFactory(moment=Moment.STAY_MILESTONE, number=2, control_share=0)
    greeting = TriggerFactory(control_share=0)
    run(milestone)
    run(greeting)
    assert milestone.touches().get().outcome == Touch.Outcome.SENT  # counted at check-in: the guest is in the house
    assert greeting.touches().get().refusal == Refusal.IN_HOUSE


def test_the_segment_of_a_trigger_keeps_the_others_out():
    level = VipLevelFactory()
    vip, _other = birthday_guests(2)
    vip.vip_level = level
    vip.save()
    audience = AudienceFactory(rules=[make_rule("vip", any_of=[level.pk])])
    trigger = TriggerFactory(control_share=0, audience=audience)
    run(trigger)
    assert list(trigger.touches().values_list("profile", flat=True)) == [vip.pk]


def test_a_task_goes_to_the_account_owner_or_in_turn_to_the_team():
    owner = UserFactory(roles=["sales"])
    account = AccountFactory(owner=owner)
    [contact] = birthday_guests(1, account=account)
    [walk_in] = birthday_guests(1)
    to_owner = TriggerFactory(channel="task", task_kind="visit", control_share=0, body_zh="送生日蛋糕",
                              body_en="Bring a birthday cake")  # fmt: skip
    run(to_owner)
    tasks = {call.touch.profile_id: call.activity for call in Call.objects.select_related("activity", "touch")}
    assert tasks[contact.pk].owner == owner
    assert tasks[contact.pk].kind == Activity.Kind.VISIT
    assert "送生日蛋糕" in tasks[contact.pk].purpose or "birthday cake" in tasks[contact.pk].purpose
    assert tasks[walk_in.pk].owner == to_owner.owner
    first, second = UserFactory(roles=["front_desk"]), UserFactory(roles=["front_desk"])
    to_team = TriggerFactory(channel="task", team="front_desk", control_share=0)
    run(to_team)
    handed = Activity.objects.filter(owner__in=[first, second]).values_list("owner", flat=True)
    assert sorted(handed) == sorted([first.pk, second.pk])


def test_the_dry_run_lists_who_and_why_and_writes_nothing():
    [guest] = birthday_guests(1, name="王芳")
    [unwilling] = birthday_guests(1, marketing_consent=False)
    trigger = TriggerFactory(control_share=0)
    shown, total = dry_run(trigger)
    assert total == 2
    by_guest = {plan.profile.pk: plan for plan in shown}
    assert by_guest[guest.pk].outcome == Touch.Outcome.QUEUED
    assert "生日" in by_guest[guest.pk].why or "Birthday" in by_guest[guest.pk].why
    assert by_guest[unwilling.pk].refusal == Refusal.NO_CONSENT
    assert not Touch.objects.exists()
    assert not mail.outbox


def test_a_wifi_sign_in_fires_once_per_stay():
    guest = ProfileFactory(marketing_consent=True)
    reservation = stay(guest, timezone.localdate(), 2, status=Reservation.Status.CHECKED_IN)
    trigger = TriggerFactory(moment=Moment.WIFI_SIGN_IN, number=0, control_share=0)
    assert fire_now(Moment.WIFI_SIGN_IN, guest.pk, f"stay:{reservation.pk}", "Wi-Fi") == 1
    assert fire_now(Moment.WIFI_SIGN_IN, guest.pk, f"stay:{reservation.pk}", "Wi-Fi") == 0
    assert trigger.touches().get().outcome == Touch.Outcome.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_second_run_while_one_holds_the_trigger_leaves_it_alone():
    birthday_guests(3)
    trigger = TriggerFactory()
    taken, release = threading.Event(), threading.Event()

    def other_run():
        with held_lock("trigger", str(trigger.pk)):
            taken.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=other_run)
    thread.start()
    taken.wait(10)
    try:
        assert run(trigger) == "busy"
        assert not Touch.objects.exists()
    finally:
        release.set()
        thread.join()
    assert run(trigger) == "done"


def _command(mail_port: int) -> subprocess.Popen:
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    url = f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{quote(db['NAME'])}"
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_triggers"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": url, "DEBUG": "true", "EMAIL_URL": f"smtp://127.0.0.1:{mail_port}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.django_db(transaction=True)
def test_two_processes_running_at_once_touch_each_member_once(mail_server):
    guests = birthday_guests(150)
    TriggerFactory(control_share=0)
    TriggerFactory(control_share=0, subject_zh="{name}，生日礼遇", subject_en="{name}, a birthday gift")
    before = len(mail_server.messages)
    runs = [_command(mail_server.port), _command(mail_server.port)]
    for process in runs:
        _out, error = process.communicate(timeout=300)
        assert process.returncode == 0, error.decode()
    received = Counter((m["To"], m["Subject"]) for m in mail_server.messages[before:])
    assert Touch.objects.count() == 300
    assert (
        Touch.objects.filter(outcome=Touch.Outcome.SENT).count()
        + Touch.objects.filter(refusal=Refusal.FREQUENCY_CAP).count()
        == 300
    )
    assert set(received.values()) == {1}
    assert {to for to, _subject in received} <= {g.email for g in guests}


@pytest.mark.django_db(transaction=True)
def test_the_daily_run_goes_through_a_real_worker_once(celery_queue, mail_server):
    birthday_guests(4)
    trigger = TriggerFactory(control_share=0)
    before = len(mail_server.messages)
    run_triggers_task.apply_async(queue=celery_queue).get(timeout=60)
    run_triggers_task.apply_async(queue=celery_queue).get(timeout=60)
    assert len(mail_server.messages) - before == 4
    assert outcomes(trigger) == {Touch.Outcome.SENT: 4}


def test_a_guest_reads_the_offers_name_in_their_own_language():
    offer = OfferFactory(name_zh="生日蛋糕", name_en="Birthday cake")
    trigger = TriggerFactory(offer=offer, body_zh="{name}您好：{offer}", body_en="Dear {name}: {offer}")
    english, chinese = ProfileFactory(language="en"), ProfileFactory(language="zh-hans")
    with translation.override("zh-hans"):
        assert message_for(trigger, english).body.endswith("Birthday cake")
    with translation.override("en"):
        assert message_for(trigger, chinese).body.endswith("生日蛋糕")
