"""Room reservations and the nightly inventory they consume (R1: no overselling).

Every change of counts is a conditional UPDATE of the inventory rows, inside the transaction that creates or
changes the reservation: PostgreSQL serialises concurrent updates of a row and re-checks the condition after
the first commits, so two clerks racing for the last room cannot both win.

Locking order: a change to an existing reservation locks its row first; then, in a group block, the block's nights
of the room type, then the inventory rows of that room type and the stay's nights (outside a block, only these).
Each set is taken by one UPDATE, which locks its rows in the order PostgreSQL reads them (there is no explicit
ORDER BY); a reservation only ever touches one room type.
"""

import secrets
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from clienthistory.models import Profile
from reservations.extras import checked_out, reservation_made
from reservations.guestcare.feedback import request_feedback
from reservations.guestcare.vip import arrange_for_reservation
from reservations.models import BlockNight, GroupBlock, Inventory, Reservation, RoomType
from reservations.rooms.rates import Quote, quote

# Rows written per INSERT: a statement of a size PostgreSQL and the web process handle in a moment.
BATCH = 500


class NoRoom(ValidationError):
    pass


def nights_between(arrival: date, departure: date) -> list[date]:
    return [arrival + timedelta(days=n) for n in range((departure - arrival).days)]


def ensure_inventory(room_types, nights: list[date]) -> None:
    """Create the missing inventory rows for these room types and nights (an existing row is left alone)."""
    Inventory.objects.bulk_create(
        (
            Inventory(
                room_type=room_type, night=night, total=room_type.rooms, overbook_limit=room_type.overbooking_allowance
            )
            for room_type in room_types
            for night in nights
        ),
        batch_size=BATCH,
        ignore_conflicts=True,
    )


class _Short(Exception):
    """Fewer rows than nights met the condition; the savepoint is rolled back before the message is built."""


def _full_night_message(room_type: RoomType, nights: list[date], rooms: int) -> str:
    for row in Inventory.objects.filter(room_type=room_type, night__in=nights).order_by("night"):
        if row.available < rooms:
            return _("Only %(free)s %(type)s left on the night of %(night)s; %(rooms)s asked.") % {
                "free": max(row.available, 0),
                "type": room_type.name,
                "night": formats.date_format(row.night, "SHORT_DATE_FORMAT"),
                "rooms": rooms,
            }
    return _("Not enough %(type)s rooms on one of these nights.") % {"type": room_type.name}


def take_rooms(*, room_type: RoomType, nights: list[date], rooms: int, overbook: bool = False, column: str = "sold"):
    """Add `rooms` to `column` (sold, or blocked for a group block) on every night, or raise NoRoom naming the
    first night without enough free rooms. With overbook, a manager may go past the total by the room type's
    overbooking allowance."""
    ensure_inventory([room_type], nights)
    limit = F("total") + F("overbook_limit") if overbook else F("total")
    try:
        with transaction.atomic():
            updated = (
                Inventory.objects.filter(room_type=room_type, night__in=nights)
                .alias(used=F("sold") + F("blocked"))
                .filter(used__lte=limit - rooms)
                .update(**{column: F(column) + rooms})
            )
            if updated != len(nights):
                raise _Short
    except _Short:
        raise NoRoom(_full_night_message(room_type, nights, rooms)) from None


def give_back_rooms(*, room_type: RoomType, nights: list[date], rooms: int, column: str = "sold") -> None:
    if nights:
        Inventory.objects.filter(room_type=room_type, night__in=nights).update(**{column: F(column) - rooms})


def _take_block_rooms(*, block: GroupBlock, room_type: RoomType, nights: list[date], rooms: int) -> None:
    """A reservation in a group block consumes the block's rooms, not the general inventory."""
    try:
        with transaction.atomic():
            updated = BlockNight.objects.filter(
                block=block, room_type=room_type, night__in=nights, picked_up__lte=F("blocked") - rooms
            ).update(picked_up=F("picked_up") + rooms)
            if updated != len(nights):
                raise _Short
    except _Short:
        raise NoRoom(
            _("The group block has no %(type)s room left on one of the nights from %(arrival)s.")
            % {"type": room_type.name, "arrival": formats.date_format(nights[0], "SHORT_DATE_FORMAT")}
        ) from None
    Inventory.objects.filter(room_type=room_type, night__in=nights).update(picked_up=F("picked_up") + rooms)


def _give_back_block_rooms(*, block: GroupBlock, room_type: RoomType, nights: list[date], rooms: int) -> None:
    if nights:
        BlockNight.objects.filter(block=block, room_type=room_type, night__in=nights).update(
            picked_up=F("picked_up") - rooms
        )
        Inventory.objects.filter(room_type=room_type, night__in=nights).update(picked_up=F("picked_up") - rooms)


def new_confirmation() -> str:
    return f"{secrets.randbelow(10**8):08d}"


@transaction.atomic
def book_room(
    *,
    guest: Profile,
    arrival: date,
    departure: date,
    room_type: RoomType,
    rooms: int = 1,
    rate: Decimal | None = None,
    adults: int = 1,
    source: str = Reservation.Source.PHONE,
    special_requests: str = "",
    offer_code: str = "",
    block: GroupBlock | None = None,
    sharer: Profile | None = None,
    by=None,
    overbook_approved_by=None,
    rate_override_reason: str = "",
    quoted: Quote | None = None,
) -> Reservation:
    """Reserve rooms for a guest, refusing (NoRoom) when a night has too few free rooms of the type.

    Without a `rate`, a stay in a group block takes the block's rate and any other the quoted rate
    (reservations.rooms.rates: the guest's account's negotiated rate, else the public rate). A `rate` given is
    recorded as typed in, with `rate_override_reason` and `by` as the manager who changed it when there is a reason.
    `quoted` is the quote of this very stay when the caller has just made it (the entry form has), read once.

    `overbook_approved_by` is the manager who lets this reservation go past availability, within the room
    type's overbooking allowance; it is recorded on the reservation. Once saved, the reservation takes on the
    extras the apps above attach to a new one (reservations.extras), in the same transaction.
    """
    reservation = Reservation(
        guest=guest,
        sharer=sharer,
        arrival=arrival,
        departure=departure,
        room_type=room_type,
        rooms=rooms,
        adults=adults,
        rate=rate,
        rate_source=Reservation.RateSource.MANUAL,
        source=Reservation.Source.GROUP if block else source,
        special_requests=special_requests,
        offer_code=offer_code,
        block=block,
        created_by=by,
    )
    if rate_override_reason:
        reservation.rate_override_reason = rate_override_reason
        reservation.rate_overridden_by = by
    if block is not None and rate is None:
        reservation.rate, reservation.rate_source = block.rate, Reservation.RateSource.GROUP
    elif rate is None:
        _apply_quote(reservation, guest, quoted)
    reservation.full_clean(exclude=["confirmation"])
    nights = nights_between(arrival, departure)
    if block is not None:
        _take_block_rooms(block=block, room_type=room_type, nights=nights, rooms=rooms)
    else:
        try:
            take_rooms(room_type=room_type, nights=nights, rooms=rooms)
        except NoRoom:
            if overbook_approved_by is None:
                raise
            take_rooms(room_type=room_type, nights=nights, rooms=rooms, overbook=True)
            reservation.overbooked = True
            reservation.overbooking_approved_by = overbook_approved_by
    for _attempt in range(5):
        reservation.confirmation = new_confirmation()
        try:
            with transaction.atomic():
                reservation._history_user = by
                reservation.save()
            arrange_for_reservation(reservation, by=by)
            reservation_made(reservation)
            return reservation
        except IntegrityError as error:
            if "confirmation" not in str(error):
                raise
    raise RuntimeError("no free confirmation number after five tries")


def _apply_quote(reservation: Reservation, guest: Profile, quoted: Quote | None) -> None:
    nights = (reservation.departure - reservation.arrival).days
    if not 1 <= nights <= settings.MAX_STAY_NIGHTS:
        reservation.rate = reservation.room_type.default_rate  # full_clean refuses the stay
        return
    found = quoted or quote(reservation.room_type, reservation.arrival, nights, account=guest.account_id)
    reservation.rate, reservation.rate_source, reservation.rate_agreement = found.rate, found.source, found.agreement


def _release(reservation: Reservation, nights: list[date]) -> None:
    if reservation.block_id:
        _give_back_block_rooms(
            block=reservation.block, room_type=reservation.room_type, nights=nights, rooms=reservation.rooms
        )
    else:
        give_back_rooms(room_type=reservation.room_type, nights=nights, rooms=reservation.rooms)


def _locked(reservation: Reservation) -> Reservation:
    return (
        Reservation.objects.select_for_update(of=("self",)).select_related("room_type", "block").get(pk=reservation.pk)
    )


@transaction.atomic
def cancel_reservation(*, reservation: Reservation, reason: str, by=None) -> Reservation:
    reservation = _locked(reservation)
    if reservation.status != Reservation.Status.RESERVED:
        raise ValidationError(_("Only a reservation not yet checked in can be cancelled."))
    if not reason.strip():
        raise ValidationError({"cancel_reason": _("Give the reason for the cancellation.")})
    _release(reservation, reservation.stay_nights)
    reservation.status = Reservation.Status.CANCELLED
    reservation.cancel_reason = reason.strip()
    reservation.cancelled_at = timezone.now()
    reservation._history_user = by
    reservation.save(update_fields=["status", "cancel_reason", "cancelled_at"])
    return reservation


@transaction.atomic
def mark_no_show(*, reservation: Reservation, on_date: date, by=None) -> Reservation:
    reservation = _locked(reservation)
    if reservation.status != Reservation.Status.RESERVED or on_date < reservation.arrival:
        raise ValidationError(_("Only a reservation due to arrive can be marked as a no-show."))
    _release(reservation, reservation.stay_nights)
    reservation.status = Reservation.Status.NO_SHOW
    reservation.cancelled_at = timezone.now()
    reservation._history_user = by
    reservation.save(update_fields=["status", "cancelled_at"])
    return reservation


@transaction.atomic
def check_in(*, reservation: Reservation, at: datetime, by=None) -> Reservation:
    reservation = _locked(reservation)
    today = timezone.localdate(at)
    if reservation.status != Reservation.Status.RESERVED or not reservation.arrival <= today < reservation.departure:
        raise ValidationError(_("Only a reservation arriving today can be checked in."))
    reservation.status = Reservation.Status.CHECKED_IN
    reservation.checked_in_at = at
    reservation._history_user = by
    reservation.save(update_fields=["status", "checked_in_at"])
    return reservation


@transaction.atomic
def check_out(*, reservation: Reservation, at: datetime, by=None) -> Reservation:
    """Check a guest out; leaving early gives the remaining nights back to the inventory."""
    reservation = _locked(reservation)
    if reservation.status != Reservation.Status.CHECKED_IN:
        raise ValidationError(_("Only a guest in house can be checked out."))
    today = timezone.localdate(at)
    fields = ["status", "checked_out_at"]
    if reservation.arrival < today < reservation.departure:
        _release(reservation, nights_between(today, reservation.departure))
        reservation.departure = today
        fields.append("departure")
    reservation.status = Reservation.Status.CHECKED_OUT
    reservation.checked_out_at = at
    reservation._history_user = by
    reservation.save(update_fields=fields)
    request_feedback(guest=reservation.guest, reservation=reservation, at=at)
    checked_out(reservation)
    return reservation
