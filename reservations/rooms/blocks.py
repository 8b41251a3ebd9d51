"""Group blocks: rooms held per night and room type for a group booking, the cutoff release and attrition.

Locking order: setting the grid locks the booking's row first (`Booking.lock`, as every workflow that changes a
booking or what it holds), then the block's nights (room type, then night), then the inventory rows through
`take_rooms`/`give_back_rooms` or a conditional UPDATE, in the same order. The cutoff run claims each block with
`skip_locked`, so two runs at once release each block once."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils.translation import gettext as _

from hotelsales.emails import queue_email
from hotelsales.jobs import recorded_run
from hotelsales.models import JobRun
from hotelsales.money import round_money
from reservations.models import BlockNight, Booking, GroupBlock, Inventory, RoomType
from reservations.rooms.stays import BATCH, NoRoom, give_back_rooms, take_rooms
from reservations.sales.estimates import refresh_estimates

# Every night of a block is a row per room type, shown in one grid.
MAX_BLOCK_NIGHTS = 61


def block_too_long() -> str:
    return _("A block covers at most %(nights)s nights.") % {"nights": MAX_BLOCK_NIGHTS}


@transaction.atomic
def create_block(*, block: GroupBlock, first_night: date, last_night: date, room_types) -> GroupBlock:
    """Save a new group block with an empty grid: a cell per room type and night, the last night included."""
    length = (last_night - first_night).days + 1
    if length < 1:
        raise ValidationError({"last_night": _("The last night cannot be before the first.")})
    if length > MAX_BLOCK_NIGHTS:
        raise ValidationError({"last_night": block_too_long()})
    block.save()
    BlockNight.objects.bulk_create(
        (
            BlockNight(block=block, room_type=room_type, night=first_night + timedelta(days=n))
            for room_type in room_types
            for n in range(length)
        ),
        batch_size=BATCH,
    )
    return block


@dataclass(frozen=True)
class Cell:
    contracted: int
    blocked: int
    shoulder: bool = False


@transaction.atomic
def set_block_grid(*, block: GroupBlock, cells: dict[tuple[RoomType, date], Cell]) -> None:
    """Set the block's grid; the change in blocked rooms moves the inventory in the same transaction.

    More rooms are taken only if the hotel has them free (NoRoom names the night); fewer rooms are given back,
    but never fewer than the group has already picked up. Cells are locked in a stable order.
    """
    if not block.booking.holds_space:
        raise ValidationError(_("Only a tentative or definite booking can hold a group block."))
    Booking.lock(block.booking_id)
    errors = []
    existing = {
        (cell.room_type_id, cell.night): cell
        for cell in BlockNight.objects.select_for_update().filter(block=block).order_by("room_type_id", "night")
    }
    for (room_type, night), wanted in sorted(cells.items(), key=lambda item: (item[0][0].pk, item[0][1])):
        if wanted.blocked < 0 or wanted.contracted < 0:
            errors.append(_("Counts cannot be negative."))
            continue
        cell = existing.get((room_type.pk, night)) or BlockNight(block=block, room_type=room_type, night=night)
        if wanted.blocked < cell.picked_up:
            errors.append(
                _("%(type)s on %(night)s: %(picked)s rooms are already picked up.")
                % {"type": room_type.code, "night": night, "picked": cell.picked_up}
            )
            continue
        change = wanted.blocked - cell.blocked
        try:
            if change > 0:
                take_rooms(room_type=room_type, nights=[night], rooms=change, column="blocked")
            elif change < 0:
                give_back_rooms(room_type=room_type, nights=[night], rooms=-change, column="blocked")
        except NoRoom as refusal:
            errors.extend(refusal.messages)
            continue
        cell.contracted, cell.blocked, cell.shoulder = wanted.contracted, wanted.blocked, wanted.shoulder
        cell.save()
    if errors:
        raise ValidationError(errors)
    refresh_estimates(block.booking)


def _release_unpicked(block: GroupBlock) -> int:
    released = 0
    cells = BlockNight.objects.select_for_update(of=("self",)).select_related("room_type").filter(block=block)
    for cell in cells.order_by("room_type_id", "night"):
        spare = cell.blocked - cell.picked_up
        if spare:
            Inventory.objects.filter(room_type_id=cell.room_type_id, night=cell.night).update(
                blocked=F("blocked") - spare
            )
            BlockNight.objects.filter(pk=cell.pk).update(blocked=F("picked_up"), released=F("released") + spare)
            released += spare
    return released


def release_expired_blocks(*, on_date: date) -> JobRun:
    """After the cutoff date, give the rooms a group did not pick up back to general inventory; tell the owner.

    A block is released once (released_on); running the job again for the same or a later date changes nothing.
    """
    with recorded_run("release_blocks", on_date=on_date) as run:
        blocks = rooms = 0
        due = GroupBlock.objects.filter(cutoff_date__lt=on_date, released_on__isnull=True).order_by("pk")
        for pk in due.values_list("pk", flat=True):
            with transaction.atomic():
                block = (
                    GroupBlock.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("booking__owner")
                    .filter(pk=pk, released_on__isnull=True)
                    .first()
                )
                if block is None:
                    continue
                released = _release_unpicked(block)
                GroupBlock.objects.filter(pk=pk).update(released_on=on_date)
                if block.booking.owner.email:
                    queue_email(
                        "block_released",
                        {"block": block, "released": released, "on_date": on_date},
                        to=[block.booking.owner.email],
                    )
                blocks += 1
                rooms += released
        run.counts = {"blocks_released": blocks, "room_nights_released": rooms}
    return run


def release_block_of(booking: Booking) -> None:
    """A lost, turned-down or cancelled group gives back every room it has not picked up."""
    block = GroupBlock.objects.filter(booking=booking).first()
    if block is not None:
        _release_unpicked(block)


@dataclass(frozen=True)
class Attrition:
    contracted_room_nights: int
    picked_up_room_nights: int
    allowance_percent: Decimal
    rate: Decimal

    @property
    def charge(self) -> Decimal:
        """max(0, contracted room-nights × (1 − allowance) − picked-up room-nights) × group rate."""
        expected = Decimal(self.contracted_room_nights) * (1 - self.allowance_percent / 100)
        return round_money(max(Decimal("0"), expected - self.picked_up_room_nights) * self.rate)


def attrition(block: GroupBlock) -> Attrition:
    totals = block.nights.aggregate(contracted=Sum("contracted"), picked=Sum("picked_up"))
    return Attrition(
        contracted_room_nights=totals["contracted"] or 0,
        picked_up_room_nights=totals["picked"] or 0,
        allowance_percent=block.attrition_allowance,
        rate=block.rate,
    )


def stay_is_over(block: GroupBlock, today: date) -> bool:
    last = block.nights.order_by("-night").values_list("night", flat=True).first()
    return last is not None and last < today
