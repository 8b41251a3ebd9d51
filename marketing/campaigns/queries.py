"""Reads of campaigns that pages share: the list with its joins, how far a sending has come, the preview of a
campaign's message and of what the contact rules would make of its segment, and a call list's calls — each in a
fixed number of queries whatever the members."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from clienthistory.models import Profile
from marketing.campaigns.messages import Message, message_for
from marketing.campaigns.sending import recipients
from marketing.channels.rules import INTRUSIVE, ContactRules
from marketing.models import Call, Campaign, Letters, Touch

# Whom a message is shown to when the segment has nobody in it yet.
SAMPLE_NAMES = {"zh-hans": "张伟", "en": "Alex Smith"}
# How far a sending has come, in the order the page lists it.
PROGRESS = (
    Touch.Outcome.QUEUED,
    Touch.Outcome.SENDING,
    Touch.Outcome.SENT,
    Touch.Outcome.FAILED,
    Touch.Outcome.HELD_BACK,
    Touch.Outcome.CONTROL,
    Touch.Outcome.UNCONFIRMED,
)
UNDONE = (Touch.Outcome.QUEUED, Touch.Outcome.SENDING)


def campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.select_related("promotion", "audience", "owner")


def campaign_pages() -> QuerySet[Campaign]:
    """Campaigns with what a campaign's page shows beside them, and whether their letters are printed (without
    reading the PDF)."""
    return (
        campaigns()
        .select_related("approved_by")
        .prefetch_related("callers")
        .annotate(printed=Exists(Letters.objects.filter(campaign=OuterRef("pk"))))
    )


def awaiting_approval() -> int:
    return Campaign.objects.filter(status=Campaign.Status.SUBMITTED).count()


@dataclass
class Preview:
    """The campaign's message in each language, for the segment's first member (or a sample name)."""

    member: Profile | None
    messages: list[Message]


def preview(campaign: Campaign, *, today) -> Preview:
    member = recipients(campaign, today=today).order_by("name", "pk").first()
    messages = [
        message_for(campaign, Profile(name=member.name if member else sample, language=language))
        for language, sample in SAMPLE_NAMES.items()
    ]
    return Preview(member=member, messages=messages)


def sending_moment(campaign: Campaign, *, now: datetime, rules: ContactRules) -> datetime:
    """When the campaign's messages would go out: at its time, or now once that has passed — and for a text message
    or a call, when the quiet hours end, as the sending waits them out (marketing.campaigns.sending.run)."""
    moment = max(campaign.send_at, now)
    if campaign.channel not in INTRUSIVE or not rules.is_quiet(moment):
        return moment
    local = timezone.localtime(moment)
    end = timezone.make_aware(datetime.combine(local.date(), rules.quiet_until))
    return end if end > local else end + timedelta(days=1)


@dataclass
class Progress:
    members: int
    done: int
    counts: list[tuple[str, str, int]]  # (outcome, its label, touches)


def progress(campaign: Campaign) -> Progress:
    """The campaign's touches by outcome, in one query: the members drawn so far and those done with."""
    totals = campaign.touches().aggregate(
        **{outcome.value: Count("pk", filter=Q(outcome=outcome)) for outcome in PROGRESS}
    )
    members = sum(totals.values())
    done = members - sum(totals[outcome] for outcome in UNDONE)
    return Progress(
        members=members,
        done=done,
        counts=[(outcome.value, outcome.label, totals[outcome.value]) for outcome in PROGRESS],
    )


def calls(campaign: Campaign) -> QuerySet[Call]:
    """A call list's calls with the guest, their account and the caller."""
    return Call.objects.filter(touch__occasion=campaign.occasion).select_related(
        "touch__profile__account", "activity__owner"
    )
