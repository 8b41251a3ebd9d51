"""Running the triggers: each member whose moment came is touched once per occasion, whatever runs.

`run_all` (the daily run, from the task marketing.run_triggers and `manage.py run_triggers`) and `run_live` (every
few minutes, for the moments that cannot wait for the night) run each active trigger in turn (`run`):

1. the trigger's lock is taken for the run (a session advisory lock, `hotelsales.db.held_lock`): a second run at
   the same time leaves the trigger to the first;
2. its moment's members (marketing.triggers.moments) are kept to the trigger's segment, and those with a touch for
   the occasion already are left out;
3. the rest are drawn as a campaign's members are (marketing.campaigns.sending): held back by the first contact
   rule that applies, kept out as control, or queued — each a `Touch` unique per (member, occasion), so two runs
   that both got this far still record one touch each;
4. the queued touches are sent through the campaigns' senders (claimed a batch at a time, committed as being
   sent before anything leaves), or for a task become sales activities.

`fire_now` does steps 2–4 for one member as a moment happens in the app (a Wi-Fi sign-in), after the commit.
`dry_run` lists who the run would touch today and why, and what the contact rules and the control group would make
of them, writing nothing.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import cycle

from django.contrib.auth import get_user_model
from django.utils import timezone

from clienthistory.models import Account, Activity, Profile
from hotelsales.db import held_lock
from marketing.campaigns.messages import message_for
from marketing.campaigns.sending import (
    DRAW_BATCH,
    MEMBER_FIELDS,
    Sender,
    TryLater,
    batched,
    deliver,
)
from marketing.channels.rules import INTRUSIVE, ContactRules, held_back
from marketing.measurement import in_control_group
from marketing.models import Call, Channel, Touch, Trigger
from marketing.triggers.moments import MOMENTS, Found, in_segment


@dataclass
class Planned:
    """What a run makes, or would make, of one member."""

    profile: Profile
    occasion: str
    why: str
    outcome: str
    refusal: str = ""


class TaskSender(Sender):
    """A task for sales: a sales activity of the trigger's kind for the member's account owner, or in turn for the
    members of the trigger's team, or for the trigger's owner; the purpose is the trigger's message. The owners of
    a batch's accounts are read at once, as the batch's activities are written."""

    @contextmanager
    def opened(self) -> Iterator[None]:
        trigger = self.sendable
        team = []
        if trigger.team:
            team = list(get_user_model().objects.filter(is_active=True, groups__name=trigger.team).order_by("pk"))
        self.turns = cycle(team) if team else None
        self.touches: list[Touch] = []
        yield
        accounts = {touch.profile.account_id for touch in self.touches if touch.profile.account_id}
        owners = dict(Account.objects.filter(pk__in=accounts).values_list("pk", "owner"))
        activities = [self._activity(touch, owners) for touch in self.touches]
        Activity.objects.bulk_create(activities)
        Call.objects.bulk_create(
            Call(touch=touch, activity=activity) for touch, activity in zip(self.touches, activities, strict=True)
        )

    def _activity(self, touch: Touch, owners: dict[int, int | None]) -> Activity:
        trigger, profile = self.sendable, touch.profile
        owner_id = next(self.turns).pk if self.turns else (owners.get(profile.account_id) or trigger.owner_id)
        return Activity(
            kind=trigger.task_kind or Activity.Kind.CALL,
            account_id=profile.account_id,
            contact=profile,
            owner_id=owner_id,
            due_at=timezone.now(),
            duration_minutes=15,
            purpose=f"{trigger.name}：{message_for(trigger, profile).body}"[:200],
        )

    def send(self, touch: Touch) -> str:
        self.touches.append(touch)
        return ""


def _sender(trigger: Trigger) -> Sender | None:
    return TaskSender(trigger) if trigger.channel == Channel.TASK else None


def _members(ids: list[int]) -> dict[int, Profile]:
    return {profile.pk: profile for profile in Profile.objects.filter(pk__in=ids).only(*MEMBER_FIELDS)}


def _plan(trigger: Trigger, found: list[Found], *, at: datetime, rules: ContactRules, today) -> list[Planned]:
    """What the run makes of `found` (one batch): those already touched for their occasion and those outside the
    segment left out, the others held back, control or queued."""
    occasions = {trigger.occasion(row.key) for row in found}
    touched = set(Touch.objects.filter(trigger=trigger, occasion__in=occasions).values_list("profile", "occasion"))
    wanted = [row for row in found if (row.profile_id, trigger.occasion(row.key)) not in touched]
    segment = in_segment(trigger, today)
    if segment is not None and wanted:
        inside = set(segment.filter(pk__in=[row.profile_id for row in wanted]).values_list("pk", flat=True))
        wanted = [row for row in wanted if row.profile_id in inside]
    members = _members([row.profile_id for row in wanted])
    wanted = [row for row in wanted if row.profile_id in members]
    refused = held_back(
        [members[row.profile_id] for row in wanted],
        channel=trigger.channel,
        at=at,
        rules=rules,
        in_stay=MOMENTS[trigger.moment].in_stay,
    )
    share = trigger.control_share / 100
    planned = []
    for row in wanted:
        plan = Planned(members[row.profile_id], trigger.occasion(row.key), row.why, Touch.Outcome.QUEUED)
        if row.profile_id in refused:
            plan.outcome, plan.refusal = Touch.Outcome.HELD_BACK, refused[row.profile_id]
        elif in_control_group(trigger.seed, row.profile_id, share):
            plan.outcome = Touch.Outcome.CONTROL
        planned.append(plan)
    return planned


def _unique(found) -> Iterator[Found]:
    """Each (member, key) once: a moment may find a member twice for one occasion (two stays of one day)."""
    seen = set()
    for row in found:
        if (row.profile_id, row.key) not in seen:
            seen.add((row.profile_id, row.key))
            yield row


def _draw(trigger: Trigger, found, *, at: datetime, rules: ContactRules) -> int:
    """Record a touch for each member found who has none for the occasion; how many were recorded."""
    today = timezone.localdate(at)
    recorded = 0
    for batch in batched(_unique(found), DRAW_BATCH):
        planned = _plan(trigger, batch, at=at, rules=rules, today=today)
        touches = [
            Touch(profile=plan.profile, occasion=plan.occasion, trigger=trigger, channel=trigger.channel,
                  outcome=plan.outcome, refusal=plan.refusal, at=at)
            for plan in planned
        ]  # fmt: skip
        recorded += len(Touch.objects.bulk_create(touches, ignore_conflicts=True))
    return recorded


def run(trigger: Trigger, *, now: datetime | None = None, rules: ContactRules | None = None) -> str:
    """Run one trigger now; what happened, in a word."""
    now = now or timezone.now()
    rules = rules or ContactRules.from_settings()
    with held_lock("trigger", str(trigger.pk)) as held:
        if not held:
            return "busy"
        if trigger.channel in INTRUSIVE and rules.is_quiet(now):
            return "quiet hours"  # the moment's catch-up days let the next run find them
        found = MOMENTS[trigger.moment].found(trigger, timezone.localdate(now), now)
        _draw(trigger, found, at=now, rules=rules)
        try:
            deliver(trigger, _sender(trigger))
        except TryLater:
            return "try later"
        return "done"


def _active(*, live: bool) -> list[Trigger]:
    moments = [key for key, kind in MOMENTS.items() if kind.live == live and not kind.pushed]
    return list(
        Trigger.objects.filter(active=True, moment__in=moments)
        .select_related("offer", "audience", "owner")
        .order_by("pk")
    )


def run_all(*, now: datetime | None = None) -> dict[int, str]:
    """The daily run: every active trigger of a date moment."""
    return {trigger.pk: run(trigger, now=now) for trigger in _active(live=False)}


def run_live(*, now: datetime | None = None) -> dict[int, str]:
    """The frequent run: the moments that happen in the day (a guest in the house N hours after check-in), and the
    messages a channel that was down left in the queue."""
    done = {trigger.pk: run(trigger, now=now) for trigger in _active(live=True)}
    queued = Touch.objects.filter(trigger__isnull=False, outcome=Touch.Outcome.QUEUED).values("trigger")
    for trigger in Trigger.objects.filter(pk__in=queued).exclude(pk__in=list(done)).select_related("offer", "owner"):
        done[trigger.pk] = _deliver_if_free(trigger)
    return done


def _deliver_if_free(trigger: Trigger) -> str:
    """Send what waits in the trigger's queue, unless a run holds it (and sends it)."""
    with held_lock("trigger", str(trigger.pk)) as held:
        if not held:
            return "busy"
        try:
            deliver(trigger, _sender(trigger))
        except TryLater:
            return "try later"
        return "done"


def fire_now(
    moment: str, profile_id: int, key: str, why: str, *, number: int | None = None, now: datetime | None = None
) -> int:
    """The triggers of a moment that happened now (the webhook's, a check-out's), for one member — those of N =
    `number` when given; how many touched them."""
    now = now or timezone.now()
    rules = ContactRules.from_settings()
    touched = 0
    triggers = Trigger.objects.filter(active=True, moment=moment).select_related("offer", "audience", "owner")
    if number is not None:
        triggers = triggers.filter(number=number)
    for trigger in triggers:
        # The touch is recorded whoever holds the trigger (it is unique per occasion all the same); a run holding it
        # sends it, or the next frequent run does.
        touched += _draw(trigger, [Found(profile_id, key, why)], at=now, rules=rules)
        _deliver_if_free(trigger)
    return touched


def dry_run(trigger: Trigger, *, now: datetime | None = None, limit: int = 500) -> tuple[list[Planned], int]:
    """Who a run now would reach for the trigger and why, and what the rules and the control group make of them
    (the first `limit`, and how many in all), writing nothing."""
    now = now or timezone.now()
    rules = ContactRules.from_settings()
    kind = MOMENTS[trigger.moment]
    found = kind.found(trigger, timezone.localdate(now), now)
    shown: list[Planned] = []
    total = 0
    for batch in batched(_unique(found), DRAW_BATCH):
        planned = _plan(trigger, batch, at=now, rules=rules, today=timezone.localdate(now))
        total += len(planned)
        shown.extend(planned[: max(0, limit - len(shown))])
    return shown, total
