"""Rooming lists (分房名单) of group blocks: a file of guests becomes reservations that pick up the block's rooms.

hotelsales.tabular reads the file into rows of text; the row readers of the guest-profile import turn the cells
into values and collect per-row errors. Each row is a guest. Two guests who share a room name each other (or one
names the other) under “sharing with”; the pair becomes one reservation of one room with the second guest as its
sharer, and the sharer's row takes no room. A file with any bad row imports nothing, and neither does a list the
block has too few rooms for: rooms are counted per night and room type against what the block has left before
anything is written. The reservations are made by book_room, so pickup and inventory move exactly as they do for
a single entry, and a block that runs out while booking (a clerk took the last room) rolls the whole list back.

Locking order: the group block's row first (FOR NO KEY UPDATE: the cutoff release skips the block meanwhile, while
single bookings into it go on), then, guest by guest, what book_room locks: the block's nights, then the inventory.
"""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from clienthistory.forms import normalise_mobile
from clienthistory.models import Account, Profile, mobile_validator
from hotelsales.db import analyze_after_load
from hotelsales.punctuation import word_list
from hotelsales.tabular import Column, Row, RowError, converted_cells, excerpt, folded, written_date
from reservations.models import GroupBlock, Reservation, RoomType
from reservations.rooms.stays import NoRoom, book_room, nights_between


def _label(model: type[models.Model], name: str):
    return model._meta.get_field(name).verbose_name


NAMES = ("姓名", "客人姓名", "宾客姓名", "客人", "guest", "guest name")
ARRIVALS = ("到达", "到达日期", "抵店日期", "入住日期", "check-in")
DEPARTURES = ("离开", "离开日期", "离店日期", "退房日期", "check-out")
COLUMNS = (
    Column("name", _label(Profile, "name"), NAMES, required=True),
    Column("room_type", _label(Reservation, "room_type"), ("房型", "房间类型", "type"), required=True),
    Column("arrival", _label(Reservation, "arrival"), ARRIVALS, required=True),
    Column("departure", _label(Reservation, "departure"), DEPARTURES, required=True),
    Column("sharer", _label(Reservation, "sharer"), ("同住", "同住人", "合住", "share with", "sharer")),
    Column("requests", _label(Reservation, "special_requests"), ("特殊要求", "要求", "备注", "requests")),
    Column("mobile", _label(Profile, "mobile"), ("手机", "手机号", "手机号码", "移动电话")),
)
REQUIRED = tuple(column.key for column in COLUMNS if column.required)
NAMED_ROWS = 5  # a message about guests of the same name lists this many of their rows


@dataclass(frozen=True)
class Guest:
    row: int  # the guest's row in the file
    name: str
    mobile: str


@dataclass(frozen=True)
class Room:
    """One reservation the list asks for: a guest, perhaps a sharer, the room type and the nights."""

    guest: Guest
    sharer: Guest | None
    room_type: RoomType
    arrival: date
    departure: date
    requests: str

    @property
    def nights(self) -> list[date]:
        return nights_between(self.arrival, self.departure)


@dataclass
class RoomingResult:
    """What an import did, or (a check, or a rejected list) would do: nothing is booked when there are errors."""

    rows: int
    errors: list[RowError] = field(default_factory=list)
    rooms: list[Room] = field(default_factory=list)
    reservations: list[Reservation] = field(default_factory=list)
    new_profiles: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def sharing(self) -> int:
        return sum(1 for room in self.rooms if room.sharer)


def check_rooming_list(*, block: GroupBlock, rows: list[Row]) -> RoomingResult:
    """Validate the list as import_rooming_list would, writing nothing: the preview of an import.

    Raises ValidationError when the block takes no names at all (released at its cutoff, or its booking holds
    no rooms); every problem of the file itself is a row error.
    """
    rooms, errors = _read(block, rows)
    return RoomingResult(rows=len(rows), errors=errors, rooms=rooms)


@transaction.atomic
def import_rooming_list(*, block: GroupBlock, rows: list[Row], by=None) -> RoomingResult:
    """Book one room of the block per guest (one per sharing pair), or nothing at all when any row has an error.

    The block is locked first, so that the cutoff release cannot run in between; if book_room still finds a night
    full (NoRoom: someone picked up the last rooms after the check), everything is rolled back and the refusal
    is reported on the row that could not be booked.
    """
    # FOR NO KEY UPDATE: single bookings into the block go on (their inserts only share-lock its key).
    locked = GroupBlock.objects.select_for_update(of=("self",), no_key=True).select_related("booking__account")
    block = locked.get(pk=block.pk)
    result = check_rooming_list(block=block, rows=rows)
    if not result.ok:
        return result
    profiles = _Profiles(block.booking.account, by=by)
    for room in result.rooms:
        try:
            reservation = book_room(
                guest=profiles.get(room.guest),
                sharer=profiles.get(room.sharer) if room.sharer else None,
                arrival=room.arrival,
                departure=room.departure,
                room_type=room.room_type,
                adults=2 if room.sharer else 1,
                special_requests=room.requests,
                block=block,
                by=by,
            )
        except NoRoom as refusal:
            transaction.set_rollback(True)
            errors = [RowError(room.guest.row, "", message) for message in refusal.messages]
            return RoomingResult(rows=len(rows), errors=errors, rooms=result.rooms)
        result.reservations.append(reservation)
    result.new_profiles = profiles.created
    analyze_after_load(
        Reservation, Reservation.history.model, Profile, Profile.history.model, rows=len(result.reservations)
    )
    return result


def closed_reason(block: GroupBlock) -> str:
    """Why the block takes no names at all, or "" when it does."""
    if block.released_on is not None:
        return _("The block was released at its cutoff on %(date)s and takes no new names.") % {
            "date": formats.date_format(block.released_on, "SHORT_DATE_FORMAT")
        }
    if not block.booking.holds_space:
        return _("A %(status)s booking holds no rooms; its block takes no names.") % {
            "status": block.booking.get_status_display()
        }
    return ""


@dataclass
class _Line:
    """A row as read: its values, and whether it has an error of its own."""

    row: int
    name: str
    mobile: str
    sharer: str
    requests: str
    room_type: RoomType | None
    arrival: date | None
    departure: date | None
    ok: bool

    @property
    def guest(self) -> Guest:
        return Guest(self.row, self.name, self.mobile)


def _read(block: GroupBlock, rows: list[Row]) -> tuple[list[Room], list[RowError]]:
    if reason := closed_reason(block):
        raise ValidationError(reason)
    free = {(cell.room_type_id, cell.night): cell.available for cell in block.nights.all()}
    block_nights = defaultdict(list)
    for room_type_id, night in sorted(free, key=lambda key: key[1]):
        block_nights[room_type_id].append(night)
    held = [room_type.name for room_type in RoomType.objects.filter(pk__in=block_nights)]
    converters = {
        "name": _name,
        "mobile": _mobile,
        "room_type": _room_types(),
        "arrival": _day,
        "departure": _day,
        "sharer": lambda text: " ".join(text.split()),
    }
    today = timezone.localdate()
    lines, errors = [], []
    for row in rows:
        row_errors = []
        data = converted_cells(row, converters, row_errors)
        for key in REQUIRED:
            if not row.values.get(key):
                row_errors.append(RowError(row.number, key, _("This field is required.")))
        room_type, arrival, departure = data.get("room_type"), data.get("arrival"), data.get("departure")
        if arrival and departure and departure <= arrival:
            row_errors.append(RowError(row.number, "departure", _("The departure must be after the arrival.")))
        elif arrival and arrival < today:
            row_errors.append(RowError(row.number, "arrival", _("The arrival cannot be in the past.")))
        elif room_type and room_type.pk not in block_nights:
            message = _("The block holds no %(type)s rooms; it holds %(types)s.") % {
                "type": room_type.name,
                "types": word_list(held) or "—",
            }
            row_errors.append(RowError(row.number, "room_type", message))
        elif room_type and arrival and departure:
            row_errors += _outside_the_block(row.number, room_type, arrival, departure, block_nights[room_type.pk])
        lines.append(
            _Line(
                row=row.number,
                name=data.get("name", ""),
                mobile=data.get("mobile", ""),
                sharer=data.get("sharer", ""),
                requests=row.values.get("requests", ""),
                room_type=room_type,
                arrival=arrival,
                departure=departure,
                ok=not row_errors,
            )
        )
        errors += row_errors
    rooms, pair_errors = _rooms(lines)
    errors += pair_errors
    errors += _shortfalls(rooms, free)
    errors += _ambiguous_contacts(lines, block.booking.account)
    return rooms, sorted(errors, key=lambda error: error.row)


def _name(text: str) -> str:
    name = " ".join(text.split())
    limit = Profile._meta.get_field("name").max_length
    if len(name) > limit:
        raise ValueError(_("The name is longer than %(limit)s characters.") % {"limit": limit})
    return name


def _mobile(text: str) -> str:
    mobile = normalise_mobile(text)
    try:
        mobile_validator(mobile)
    except ValidationError as error:
        raise ValueError(" ".join(error.messages)) from None
    return mobile


def _day(text: str) -> date:
    return date.fromisoformat(written_date(text))


def _room_types() -> Callable[[str], RoomType]:
    """A converter from a room type's code, or its Chinese or English name, to the room type."""
    found = {}
    for room_type in RoomType.objects.all():
        found.update({folded(room_type.name_zh): room_type, folded(room_type.name_en): room_type})
    found.update({folded(room_type.code): room_type for room_type in found.values()})  # a code wins over a name

    def convert(text: str) -> RoomType:
        if (room_type := found.get(folded(text))) is None:
            raise ValueError(_("No room type has the code or name “%(value)s”.") % {"value": excerpt(text)})
        return room_type

    return convert


def _outside_the_block(number: int, room_type: RoomType, arrival: date, departure: date, nights: list[date]):
    """A stay must fall within the nights the block holds its room type (a gap inside is a shortfall)."""
    first, last = nights[0], nights[-1]
    if first <= arrival and departure <= last + timedelta(days=1):
        return []
    message = _("The block holds %(type)s from the night of %(first)s to the night of %(last)s.") % {
        "type": room_type.name,
        "first": formats.date_format(first, "SHORT_DATE_FORMAT"),
        "last": formats.date_format(last, "SHORT_DATE_FORMAT"),
    }
    return [RowError(number, "arrival" if not first <= arrival <= last else "departure", message)]


def _rooms(lines: list[_Line]) -> tuple[list[Room], list[RowError]]:
    """Pair the guests who share, and make one room of each pair and of each guest alone."""
    errors = []
    named = defaultdict(list)  # names match whatever their case: “John Smith” shares with “JOHN SMITH”
    for line in lines:
        if line.name:
            named[line.name.casefold()].append(line)
    partner: dict[int, _Line] = {}
    for line in lines:
        if not line.sharer:
            continue
        # Among the first NAMED_ROWS + 2 of that name are more than NAMED_ROWS others exactly when the list has
        # that many: a name on thousands of rows costs no more to report than a name on three.
        same_name = named.get(line.sharer.casefold(), [])
        others = [other for other in same_name[: NAMED_ROWS + 2] if other.row != line.row]
        problem = ""
        if not others:
            problem = (
                _("A guest cannot share a room with themselves.")
                if line.sharer.casefold() == line.name.casefold()
                else _("No guest called “%(name)s” is on the list.") % {"name": excerpt(line.sharer)}
            )
        elif len(others) > 1:
            problem = _("Rows %(rows)s are all called “%(name)s”; tell them apart before pairing.") % {
                "rows": word_list(
                    [*(other.row for other in others[:NAMED_ROWS]), *(["…"] if len(others) > NAMED_ROWS else [])]
                ),
                "name": excerpt(line.sharer),
            }
        else:
            other = others[0]
            if other.sharer and other.sharer.casefold() != line.name.casefold():
                problem = _("“%(name)s” (row %(row)s) shares with “%(other)s”.") % {
                    "name": excerpt(other.name),
                    "row": other.row,
                    "other": excerpt(other.sharer),
                }
            elif partner.get(other.row, line).row != line.row:
                problem = _("“%(name)s” already shares with “%(other)s” (row %(row)s).") % {
                    "name": excerpt(other.name),
                    "other": excerpt(partner[other.row].name),
                    "row": partner[other.row].row,
                }
            elif line.ok and other.ok and _stay(line) != _stay(other):
                problem = _("Guests who share a room need the same room type and dates; row %(row)s differs.") % {
                    "row": other.row
                }
            else:
                partner[line.row], partner[other.row] = other, line
        if problem:
            errors.append(RowError(line.row, "sharer", problem))
    failed = {error.row for error in errors}
    rooms = []
    for line in lines:
        mate = partner.get(line.row)
        if not line.ok or line.row in failed or (mate and (mate.row < line.row or not mate.ok or mate.row in failed)):
            continue
        rooms.append(
            Room(
                guest=line.guest,
                sharer=mate.guest if mate else None,
                room_type=line.room_type,
                arrival=line.arrival,
                departure=line.departure,
                requests="；".join(text for text in (line.requests, mate.requests if mate else "") if text),
            )
        )
    return rooms, errors


def _stay(line: _Line) -> tuple:
    return line.room_type.pk, line.arrival, line.departure


def _shortfalls(rooms: list[Room], free: dict[tuple[int, date], int]) -> list[RowError]:
    """Per night and room type, the rooms the list needs beyond what the block has left, reported once on the
    first row that does not fit."""
    needed = Counter((room.room_type.pk, night) for room in rooms for night in room.nights)
    taken, errors = Counter(), []
    for room in rooms:
        for night in room.nights:
            key = (room.room_type.pk, night)
            taken[key] += 1
            if taken[key] == free.get(key, 0) + 1:
                message = _(
                    "The block has %(free)s %(type)s left on the night of %(night)s; the list needs %(needed)s."
                )
                values = {
                    "free": free.get(key, 0),
                    "type": room.room_type.name,
                    "night": formats.date_format(night, "SHORT_DATE_FORMAT"),
                    "needed": needed[key],
                }
                errors.append(RowError(room.guest.row, "", message % values))
    return errors


def _live_profiles():
    return Profile.objects.filter(merged_into=None, anonymised_at=None)


def _ambiguous_contacts(lines: list[_Line], account: Account | None) -> list[RowError]:
    """A guest without a mobile is matched by name among the account's contacts, which must then be unique."""
    unmatched = {line.name for line in lines if line.name and not line.mobile}
    if account is None or not unmatched:
        return []
    counts = Counter(
        _live_profiles().filter(account=account, name__in=unmatched).values_list("name", flat=True).order_by()
    )
    message = _("%(count)s contacts of %(account)s are called “%(name)s”; give the mobile to tell them apart.")
    return [
        RowError(
            line.row,
            "mobile",
            message % {"count": counts[line.name], "account": account.name, "name": excerpt(line.name)},
        )
        for line in lines
        if line.name in unmatched and not line.mobile and counts[line.name] > 1
    ]


class _Profiles:
    """The guests' profiles: the one with the exact name and mobile when a mobile is given, else the booking
    account's contact of that exact name; otherwise a new profile under the account. A guest listed twice (two
    stays) gets one profile."""

    def __init__(self, account: Account | None, *, by):
        self.account, self.by = account, by
        self.found: dict[tuple[str, str], Profile] = {}
        self.created = 0

    def get(self, guest: Guest) -> Profile:
        key = (guest.name, guest.mobile)
        if key not in self.found:
            self.found[key] = self._existing(guest) or self._create(guest)
        return self.found[key]

    def _existing(self, guest: Guest) -> Profile | None:
        if guest.mobile:
            return _live_profiles().filter(name=guest.name, mobile=guest.mobile).order_by("pk").first()
        if self.account is not None:
            return _live_profiles().filter(name=guest.name, account=self.account).first()
        return None

    def _create(self, guest: Guest) -> Profile:
        profile = Profile(name=guest.name, mobile=guest.mobile, account=self.account)
        profile.full_clean()
        profile._history_user = self.by
        profile.save()
        self.created += 1
        return profile
