"""The contact rules that keep marketing from turning into complaints (规避投诉), applied at send time.

`held_back` takes the members about to be contacted and answers, for each one who must not be, the first rule
that holds them back (the order of `Refusal`): no address for the channel; no marketing consent; the address opted
out; an open complaint, or a 不满意 answer at a complaint's callback within MARKETING_COMPLAINT_DAYS; staying in
the hotel; MARKETING_CAP_MESSAGES messages sent (or being sent) within MARKETING_CAP_DAYS (all campaigns and
triggers together); and, for text messages and calls, the quiet hours MARKETING_QUIET_HOURS in the hotel's time.
Each rule is one query for all the members, whatever their number.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from clienthistory.models import Profile
from marketing.models import Channel, OptOut, Refusal, Touch
from marketing.models.touches import REACHING
from reservations.models import Complaint, Reservation, Satisfaction

# Channels that ring or buzz a phone: kept out of the quiet hours.
INTRUSIVE = (Channel.SMS, Channel.CALL)


@dataclass(frozen=True)
class ContactRules:
    cap_messages: int
    cap_days: int
    quiet_from: time
    quiet_until: time
    complaint_days: int

    @classmethod
    def from_settings(cls) -> "ContactRules":
        quiet_from, quiet_until = settings.MARKETING_QUIET_HOURS
        return cls(
            cap_messages=settings.MARKETING_CAP_MESSAGES,
            cap_days=settings.MARKETING_CAP_DAYS,
            quiet_from=quiet_from,
            quiet_until=quiet_until,
            complaint_days=settings.MARKETING_COMPLAINT_DAYS,
        )

    def is_quiet(self, moment: datetime) -> bool:
        clock = timezone.localtime(moment).time()
        if self.quiet_from <= self.quiet_until:
            return self.quiet_from <= clock < self.quiet_until
        return clock >= self.quiet_from or clock < self.quiet_until


def _address(profile: Profile, channel: str) -> str:
    if channel in INTRUSIVE:
        return profile.mobile
    if channel == Channel.EMAIL:
        return profile.email
    if channel == Channel.TASK:  # sales reach the guest by phone, email or through the account
        return profile.mobile or profile.email or (str(profile.account_id) if profile.account_id else "")
    return getattr(profile, "postal_address", "")  # letters: the address of the guest's account, where annotated


def held_back(
    profiles: list[Profile], *, channel: str, at: datetime, rules: ContactRules | None = None, in_stay: bool = False
) -> dict[int, str]:
    """The members who must not be contacted through `channel` at `at`: profile id → the first Refusal. An offer
    made for the stay (`in_stay`: a trigger's location moment) is not held back from the guest staying."""
    rules = rules or ContactRules.from_settings()
    refused: dict[int, str] = {}

    def refuse(ids, refusal: str) -> None:
        for pk in ids:
            refused.setdefault(pk, refusal)

    refuse((p.pk for p in profiles if not _address(p, channel)), Refusal.NO_ADDRESS)
    refuse((p.pk for p in profiles if not p.marketing_consent), Refusal.NO_CONSENT)
    remaining = [p for p in profiles if p.pk not in refused]
    if not remaining:
        return refused
    ids = [p.pk for p in remaining]
    addresses = {_address(p, channel).lower(): p.pk for p in remaining}
    opted_out = OptOut.objects.filter(channel=channel, address__in=list(addresses)).values_list("address", flat=True)
    refuse((addresses[address] for address in opted_out), Refusal.OPTED_OUT)
    recent = at - timedelta(days=rules.complaint_days)
    complaints = list(
        Complaint.objects.filter(guest__in=ids).values_list("guest", "status", "satisfaction", "callback_at")
    )
    unresolved = (Complaint.Status.OPEN, Complaint.Status.IN_PROGRESS)
    refuse((guest for guest, status, _s, _c in complaints if status in unresolved), Refusal.OPEN_COMPLAINT)
    refuse(
        (guest for guest, _s, satisfaction, callback_at in complaints
         if satisfaction == Satisfaction.DISSATISFIED and callback_at and callback_at >= recent),
        Refusal.DISSATISFIED,
    )  # fmt: skip
    if not in_stay:
        today = timezone.localdate(at)
        staying = Reservation.objects.filter(
            guest__in=ids, status=Reservation.Status.CHECKED_IN, arrival__lte=today, departure__gte=today
        )
        refuse(staying.values_list("guest", flat=True), Refusal.IN_HOUSE)
    sent = (
        Touch.objects.filter(profile__in=ids, outcome__in=REACHING, at__gt=at - timedelta(days=rules.cap_days))
        .values("profile")
        .annotate(n=Count("pk"))
        .filter(n__gte=rules.cap_messages)
    )
    refuse((row["profile"] for row in sent), Refusal.FREQUENCY_CAP)
    if channel in INTRUSIVE and rules.is_quiet(at):
        refuse(ids, Refusal.QUIET_HOURS)
    return refused
