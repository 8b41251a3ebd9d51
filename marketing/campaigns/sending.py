"""Sending an approved campaign in the background, exactly once per member.

A run (`run`, from the task marketing.send_campaign) holds the campaign's lock for as long as it works, so two runs
never send at once: the second finds the lock taken and leaves. It then

1. draws the members once (`draw`): for each, a `Touch` of the campaign's occasion — held back by a contact rule
   (with the rule), kept out as the control group, or queued. The touch is unique per (member, occasion), so a
   member drawn twice is drawn once;
2. sends the queued touches batch by batch (`deliver`): a batch is first marked as being sent and committed, then
   sent, then each touch is marked sent or failed. A worker killed in the middle leaves its batch marked as being
   sent; the next run (the task is delivered again) marks those touches unconfirmed and does not send them again —
   a message may have gone out, and a guest must not get it twice. A channel that is down for now (the mail server
   or the SMS gateway) puts its untried touches back in the queue and the task tries again later.

Each step takes a fixed number of queries per batch, whatever the number of members.
"""

import smtplib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from email.utils import make_msgid
from itertools import islice

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from clienthistory.models import Activity, Profile
from hotelsales.db import held_lock
from hotelsales.money import round_money
from hotelsales.sms import SmsRefused, SmsUnavailable, TextMessage, send_sms
from marketing.audiences import rules as segment_rules
from marketing.audiences.rules import ACTIVE, Members
from marketing.campaigns.letters import print_letters
from marketing.campaigns.messages import Sendable, message_for
from marketing.channels.links import tracked_url, unsubscribe_url
from marketing.channels.rules import INTRUSIVE, ContactRules, held_back
from marketing.measurement import in_control_group
from marketing.models import Call, Campaign, Channel, Refusal, Touch

DRAW_BATCH = 2000
SEND_BATCH = 200
# What a run reads of each member: enough for the contact rules, the control group and the message.
# What sending reads and writes of each touch (a field left out would be read again for each message).
TOUCH_FIELDS = ("id", "profile_id", "occasion", "channel", "outcome", "message_id", "error", "at")
MEMBER_FIELDS = ("id", "account_id", "name", "mobile", "email", "language", "marketing_consent")


def batched(rows, size: int) -> Iterator[list]:
    rows = iter(rows)
    while batch := list(islice(rows, size)):
        yield batch


class TryLater(Exception):
    """The channel is down for now: what was not tried waits in the queue for the next run."""


def recipients(campaign: Campaign, *, today) -> QuerySet[Profile]:
    """The guests the campaign's segment picks today (for a segment of accounts, the accounts' contacts), each with
    the postal address of their account for a letter."""
    audience = campaign.audience
    found = segment_rules.members(members=audience.members, rules=audience.rules, today=today)
    if audience.members == Members.ACCOUNTS:
        found = Profile.objects.filter(ACTIVE, account__in=found.values("pk"))
    return found.annotate(postal_address=Coalesce(F("account__address"), Value(""), output_field=TextField())).only(
        *MEMBER_FIELDS
    )


def _draw_key(campaign: Campaign, profile: Profile) -> int:
    """Who the control group is drawn by: the account for a segment of accounts (its contacts share their group),
    else the guest."""
    if campaign.audience.members == Members.ACCOUNTS and profile.account_id:
        return profile.account_id
    return profile.pk


def _sorted(campaign: Campaign, profiles: list[Profile], *, at: datetime, rules: ContactRules) -> list[Touch]:
    """A touch for each of `profiles`: held back by the first contact rule that applies, else control or queued."""
    refused = held_back(profiles, channel=campaign.channel, at=at, rules=rules)
    share = campaign.control_share / 100
    touches = []
    for profile in profiles:
        touch = Touch(profile=profile, occasion=campaign.occasion, channel=campaign.channel, at=at)
        if profile.pk in refused:
            touch.outcome, touch.refusal = Touch.Outcome.HELD_BACK, refused[profile.pk]
        elif in_control_group(campaign.seed, _draw_key(campaign, profile), share):
            touch.outcome = Touch.Outcome.CONTROL
        else:
            touch.outcome = Touch.Outcome.QUEUED
        touches.append(touch)
    return touches


@dataclass
class Forecast:
    """What sending would do now: how many members each contact rule holds back, the control group, the rest."""

    members: int = 0
    held_back: dict[str, int] = field(default_factory=dict)
    control: int = 0
    to_send: int = 0

    def rules(self) -> list[tuple[str, int]]:
        """(the rule's name, members it holds back), in the order the rules are checked, the rules that hold back
        nobody included."""
        return [(refusal.label, self.held_back.get(refusal.value, 0)) for refusal in Refusal]


def forecast(campaign: Campaign, *, at: datetime, rules: ContactRules | None = None) -> Forecast:
    """What the contact rules and the control group would make of the segment at `at`, writing nothing: the preview
    a manager reads before approving. The members are read once and checked a batch at a time."""
    rules = rules or ContactRules.from_settings()
    result = Forecast()
    members = recipients(campaign, today=timezone.localdate(at)).order_by("pk")
    for batch in batched(members.iterator(chunk_size=DRAW_BATCH), DRAW_BATCH):
        for touch in _sorted(campaign, batch, at=at, rules=rules):
            result.members += 1
            if touch.outcome == Touch.Outcome.HELD_BACK:
                result.held_back[touch.refusal] = result.held_back.get(touch.refusal, 0) + 1
            elif touch.outcome == Touch.Outcome.CONTROL:
                result.control += 1
            else:
                result.to_send += 1
    return result


def estimated_cost(campaign: Campaign, contacts: int) -> Decimal:
    return round_money(campaign.fixed_cost + campaign.cost_per_contact * contacts)


def draw(campaign: Campaign, *, at: datetime, rules: ContactRules | None = None) -> None:
    """Record a touch for every member who has none for the campaign yet."""
    rules = rules or ContactRules.from_settings()
    members = (
        recipients(campaign, today=timezone.localdate(at))
        .exclude(pk__in=campaign.touches().values("profile"))
        .order_by("pk")
    )
    for batch in batched(members.iterator(chunk_size=DRAW_BATCH), DRAW_BATCH):
        Touch.objects.bulk_create(_sorted(campaign, batch, at=at, rules=rules), ignore_conflicts=True)


class Refused(Exception):
    """The channel refused this message for good (a bad address): the touch failed."""


class Unavailable(Exception):
    def __init__(self, reason: str, *, maybe_sent: bool):
        super().__init__(reason)
        self.maybe_sent = maybe_sent


class Sender:
    """Sends a campaign's or a trigger's messages through one channel: `opened` around each batch, `send` for each
    message (its id, or Refused / Unavailable)."""

    def __init__(self, sendable: Sendable):
        self.sendable = sendable

    @contextmanager
    def opened(self) -> Iterator[None]:
        yield

    def send(self, touch: Touch) -> str:
        raise NotImplementedError


class EmailSender(Sender):
    @contextmanager
    def opened(self) -> Iterator[None]:
        self.connection = get_connection()
        try:
            self.connection.open()
        except (OSError, smtplib.SMTPException) as error:
            raise TryLater(str(error)) from error
        try:
            yield
        finally:
            with suppress(OSError, smtplib.SMTPException):
                self.connection.close()

    def send(self, touch: Touch) -> str:
        sendable, profile = self.sendable, touch.profile
        unsubscribe = unsubscribe_url(touch)
        link = tracked_url(touch, sendable.landing_url) if sendable.landing_url else ""
        message = message_for(sendable, profile, link=link, unsubscribe=unsubscribe)
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            to=[profile.email],
            headers={
                "Message-ID": make_msgid(domain="hotelsales"),
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        try:
            self.connection.send_messages([email])
        except smtplib.SMTPRecipientsRefused as error:
            raise Refused(str(error)) from error
        except smtplib.SMTPResponseException as error:
            if error.smtp_code >= 500:
                raise Refused(f"{error.smtp_code} {error.smtp_error!r}") from error
            raise Unavailable(f"{error.smtp_code} {error.smtp_error!r}", maybe_sent=False) from error
        except (OSError, smtplib.SMTPException) as error:
            # The connection broke while the message was on its way: it may have arrived.
            raise Unavailable(str(error), maybe_sent=True) from error
        return email.extra_headers["Message-ID"]


class SmsSender(Sender):
    def send(self, touch: Touch) -> str:
        profile = touch.profile
        message = message_for(self.sendable, profile)
        params = {"name": profile.name, "code": self.sendable.offer_code}
        try:
            return send_sms(TextMessage(to=profile.mobile, template=self.sendable.sms_template, params=params,
                                        text=message.body))  # fmt: skip
        except SmsRefused as error:
            raise Refused(str(error)) from error
        except SmsUnavailable as error:
            raise Unavailable(str(error), maybe_sent=error.maybe_sent) from error


class CallSender(Sender):
    """A call list: each member becomes a call activity of one of the campaign's callers, in turn."""

    @contextmanager
    def opened(self) -> Iterator[None]:
        self.campaign = self.sendable
        self.callers = list(self.campaign.callers.order_by("pk")) or [self.campaign.owner]
        self.handed = Call.objects.filter(touch__occasion=self.campaign.occasion).count()
        self.calls: list[tuple[Touch, Activity]] = []
        yield
        activities = Activity.objects.bulk_create(activity for _touch, activity in self.calls)
        Call.objects.bulk_create(
            Call(touch=touch, activity=activity) for (touch, _a), activity in zip(self.calls, activities, strict=True)
        )

    def send(self, touch: Touch) -> str:
        profile = touch.profile
        caller = self.callers[(self.handed + len(self.calls)) % len(self.callers)]
        activity = Activity(
            kind=Activity.Kind.CALL,
            account_id=profile.account_id,
            contact=profile,
            owner=caller,
            due_at=max(self.campaign.send_at, timezone.now()),
            duration_minutes=10,
            purpose=self.campaign.name[:200],
        )
        self.calls.append((touch, activity))
        return ""


class LetterSender(Sender):
    """Printed letters: a member's letter is part of the campaign's PDF (marketing.campaigns.letters)."""

    def send(self, touch: Touch) -> str:
        return ""


SENDERS = {Channel.EMAIL: EmailSender, Channel.SMS: SmsSender, Channel.CALL: CallSender, Channel.LETTER: LetterSender}


def _claim(sendable: Sendable) -> list[Touch]:
    """The next batch of queued touches, marked as being sent (committed before anything is sent)."""
    with transaction.atomic():
        ids = list(
            sendable.touches()
            .filter(outcome=Touch.Outcome.QUEUED)
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:SEND_BATCH]
        )
        Touch.objects.filter(pk__in=ids).update(outcome=Touch.Outcome.SENDING)
    fields = (*TOUCH_FIELDS, *(f"profile__{name}" for name in MEMBER_FIELDS))
    return list(Touch.objects.filter(pk__in=ids).select_related("profile").only(*fields).order_by("pk"))


def deliver(sendable: Sendable, sender: Sender | None = None) -> int:
    """Send every queued touch (through `sender`, else the channel's); returns how many went out. Raises TryLater
    when the channel is down."""
    sender = sender or SENDERS[sendable.channel](sendable)
    sent = 0
    while batch := _claim(sendable):
        down = None
        with sender.opened():
            for touch in batch:
                if down:
                    touch.outcome = Touch.Outcome.QUEUED
                    continue
                try:
                    touch.message_id = sender.send(touch)[:100]
                    touch.outcome = Touch.Outcome.SENT
                    sent += 1
                except Refused as error:
                    touch.outcome, touch.error = Touch.Outcome.FAILED, str(error)[:200]
                except Unavailable as error:
                    down = error
                    touch.outcome = Touch.Outcome.UNCONFIRMED if error.maybe_sent else Touch.Outcome.QUEUED
                    touch.error = str(error)[:200]
                touch.at = timezone.now()
        Touch.objects.bulk_update(batch, ["outcome", "message_id", "error", "at"])
        if down:
            raise TryLater(str(down))
    return sent


def run(campaign_id: int) -> str:
    """Send the campaign if it is approved and due; what happened, in a word, for the task's result."""
    with held_lock("campaign", str(campaign_id)) as held:
        if not held:
            return "busy"
        campaign = Campaign.objects.select_related("promotion", "audience", "owner").get(pk=campaign_id)
        now = timezone.now()
        if campaign.status not in (Campaign.Status.APPROVED, Campaign.Status.SENDING) or campaign.send_at > now:
            return "not due"
        rules = ContactRules.from_settings()
        if campaign.channel in INTRUSIVE and rules.is_quiet(now):
            return "quiet hours"
        if campaign.status == Campaign.Status.APPROVED:
            campaign.status, campaign.started_at = Campaign.Status.SENDING, now
            Campaign.objects.filter(pk=campaign.pk).update(status=campaign.status, started_at=now)
        # A run killed while sending left its batch marked: those messages may have gone out, and are not resent.
        campaign.touches().filter(outcome=Touch.Outcome.SENDING).update(
            outcome=Touch.Outcome.UNCONFIRMED, error="interrupted"
        )
        if campaign.planned_at is None:
            draw(campaign, at=now, rules=rules)
            campaign.planned_at = timezone.now()
            Campaign.objects.filter(pk=campaign.pk).update(planned_at=campaign.planned_at)
        deliver(campaign)
        if campaign.channel == Channel.LETTER:
            print_letters(campaign)
        Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENT, finished_at=timezone.now())
        return "sent"


def due(now: datetime) -> list[int]:
    """The approved campaigns whose time has come, and those a run left unfinished (a channel that was down)."""
    return list(
        Campaign.objects.filter(
            status__in=(Campaign.Status.APPROVED, Campaign.Status.SENDING), send_at__lte=now
        ).values_list("pk", flat=True)
    )
