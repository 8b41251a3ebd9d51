"""Demo rooms business: ten room types (400 rooms), room reservations near 70 % occupancy, and a few group blocks a
month with their pickups.

Scale 1 covers thirteen months back (so that the dashboard's pace and the guest-status report have the same month
last year to compare with) to three months ahead. A 400-room hotel at 70 % sells about 100,000 room-nights a
year, so that is about 70,000 reservations; scale 100 covers four years back to a year ahead, about 250,000.
In between, the period (and with it the number of reservations) grows linearly with the scale. Guests are the
guest-history demo's profiles; repeat guests come back often, but nobody stays in two rooms at once.

Rows are bulk-inserted, not booked one by one through book_room: the nightly inventory is counted here while the
stays are placed, and a stay that does not fit is left out, so that by construction no night of a room type holds
more rooms than it has (sold + blocked ≤ total), no block night more pickups than rooms blocked, and every
inventory row is exactly what the reservations and blocks imply. Statuses follow the dates: stays that are over
were checked out (a few cancelled or no-shows), stays that span today are in house, future ones are reserved
(some cancelled). Future nights hold only what was booked by today, so they fill the way a hotel's books fill.
Blocks whose cutoff has passed were released. Rows get no audit history: nobody edited them.
"""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate, chain

from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from clienthistory.models import Account, Profile, Segment
from hotelsales.money import round_money
from reservations.demo import rates as rates_demo
from reservations.models import BlockNight, Booking, GroupBlock, Inventory, Reservation, RoomType

Status = Reservation.Status
Source = Reservation.Source
BATCH = 5000

# code, Chinese name, English name, rooms, default rate, overbooking allowance, share of the demand per room
ROOM_TYPES = [
    ("DK", "豪华大床房", "Deluxe King", 120, "880", 4, 1.0),
    ("DT", "豪华双床房", "Deluxe Twin", 100, "880", 3, 1.0),
    ("EK", "行政大床房", "Executive King", 50, "1280", 2, 1.0),
    ("ET", "行政双床房", "Executive Twin", 30, "1280", 1, 0.9),
    ("VK", "景观大床房", "View King", 40, "1080", 1, 1.05),
    ("FM", "家庭房", "Family Room", 20, "1180", 0, 0.9),
    ("BS", "商务套房", "Business Suite", 15, "1880", 0, 0.75),
    ("ES", "行政套房", "Executive Suite", 12, "2680", 0, 0.65),
    ("PS", "豪华套房", "Deluxe Suite", 8, "3880", 0, 0.55),
    ("PR", "总统套房", "Presidential Suite", 5, "12800", 0, 0.35),
]
# Arrivals a day at 70 % occupancy of 400 rooms, for the stays below (about 1.8 room-nights each), before the season
# and the day of the week; calibrated so that the nights that are over come out near 70 % with the groups.
ARRIVALS_A_DAY = 165
MONTHS = {1: 0.86, 2: 0.72, 3: 0.95, 4: 1.04, 5: 1.06, 6: 0.98, 7: 1.03, 8: 1.03, 9: 1.05, 10: 1.1, 11: 1.08, 12: 1.0}
WEEKDAYS = (1.15, 1.08, 1.0, 0.95, 1.02, 0.84, 0.96)  # arrivals Monday … Sunday: a city hotel of business travel
MONTH_RATES = {1: 0.95, 2: 0.9, 3: 1.0, 4: 1.05, 5: 1.1, 6: 1.0, 7: 1.05, 8: 1.05, 9: 1.05, 10: 1.15, 11: 1.05, 12: 1.0}
NIGHTS = {1: 116, 2: 54, 3: 16, 4: 8, 5: 3, 7: 2, 10: 1}
ROOMS = {1: 95, 2: 4, 3: 1}
SOURCES = {Source.OTA: 38, Source.WEBSITE: 16, Source.PHONE: 16, Source.EMAIL: 7, Source.WALK_IN: 5,
           Source.TRAVEL_AGENCY: 12, Source.CORPORATE: 6}  # fmt: skip
ACCOUNT_SOURCES = {Source.CORPORATE: 55, Source.PHONE: 15, Source.EMAIL: 10, Source.OTA: 10, Source.WEBSITE: 10}
SOURCE_RATES = {Source.OTA: 0.92, Source.WEBSITE: 0.95, Source.CORPORATE: 0.85, Source.TRAVEL_AGENCY: 0.8,
                Source.WALK_IN: 1.05}  # fmt: skip
# Days booked ahead: most stays within days, some weeks, a few a season ahead ({mean days: share}).
LEADS = {3: 30, 21: 40, 75: 30}
DESK_SOURCES = (Source.PHONE, Source.EMAIL, Source.WALK_IN)
REQUESTS = ["高楼层", "无烟房", "安静房间", "远离电梯", "提前入住", "延迟退房", "需要婴儿床", "加床", "双早",
            "接机服务", "纪念日布置", "荞麦枕"]  # fmt: skip
CANCEL_REASONS = ["行程变更", "会议取消", "航班取消", "改订其他酒店", "重复预订", "客人身体原因"]

GROUPS_A_MONTH = (2, 5)
GROUP_NAMES = ["年会团队", "年度会议团队", "奖励旅游团", "培训团队", "经销商大会团队", "考察团队"]
# room type, rooms a night (from, to, step) and how often a block holds it
GROUP_TYPES = [("DK", (10, 40, 5), 0.9), ("DT", (5, 30, 5), 0.8), ("EK", (4, 12, 2), 0.3), ("ET", (2, 8, 2), 0.2)]
GROUP_ACCOUNTS = (Account.Kind.COMPANY, Account.Kind.GOVERNMENT, Account.Kind.ASSOCIATION, Account.Kind.TRAVEL_AGENCY)
GROUP_RATES = (0.68, 0.8)  # of the deluxe rooms' rate
GROUP_TERMS = "团队价含双早；截止日后未分配的房间自动释放；损耗允许10%。"


@dataclass
class Period:
    first: date  # the first arrival
    end: date  # arrivals are before this day

    def offset(self, day: date) -> int:
        return (day - self.first).days


class Ledger:
    """Rooms on the books per room type and night while stays are placed: sold plus blocked never above the total."""

    def __init__(self, types: list[RoomType], period: Period, span: int):
        self.total = {room_type.pk: room_type.rooms for room_type in types}
        self.used = {room_type.pk: [0] * span for room_type in types}
        self.sold = {room_type.pk: [0] * span for room_type in types}
        self.blocked = {room_type.pk: [0] * span for room_type in types}
        self.picked_up = {room_type.pk: [0] * span for room_type in types}
        self.period = period

    def free(self, room_type_id: int, first: int, nights: int) -> int:
        used = self.used[room_type_id]
        return self.total[room_type_id] - max(used[first : first + nights])

    def take(self, column: str, room_type_id: int, first: int, nights: int, rooms: int) -> None:
        counts = getattr(self, column)[room_type_id]
        for night in range(first, first + nights):
            counts[night] += rooms
            if column != "picked_up":
                self.used[room_type_id][night] += rooms

    def inventory(self, types: list[RoomType]) -> list[Inventory]:
        last = max((night for counts in self.used.values() for night, used in enumerate(counts) if used), default=-1)
        return [
            Inventory(
                room_type=room_type,
                night=self.period.first + timedelta(days=night),
                total=room_type.rooms,
                overbook_limit=room_type.overbooking_allowance,
                sold=self.sold[room_type.pk][night],
                blocked=self.blocked[room_type.pk][night],
                picked_up=self.picked_up[room_type.pk][night],
            )
            for room_type in types
            for night in range(last + 1)
        ]


def seed_room_types() -> list[RoomType]:
    types = []
    for order, (code, zh, en, rooms, rate, allowance, _demand) in enumerate(ROOM_TYPES, start=1):
        defaults = {"name_zh": zh, "name_en": en, "rooms": rooms, "default_rate": Decimal(rate),
                    "overbooking_allowance": allowance, "sort_order": order * 10}  # fmt: skip
        types.append(RoomType.objects.get_or_create(code=code, defaults=defaults)[0])
    return types


class Weighted:
    """Draws from {choice: weight}, with the cumulative weights worked out once."""

    def __init__(self, weights: dict):
        self.choices = list(weights)
        self.cumulative = list(accumulate(weights.values()))

    def draw(self, rng: random.Random):
        return rng.choices(self.choices, cum_weights=self.cumulative)[0]


class Seeder:
    def __init__(self, *, scale: int, rng: random.Random, today: date):
        self.rng, self.today, self.zone = rng, today, timezone.get_current_timezone()
        end_of_today = datetime.combine(today, time(23, 59), tzinfo=self.zone)
        self.now = min(timezone.now(), end_of_today) if today == timezone.localdate() else end_of_today
        back = round(400 + (1461 - 400) * (scale - 1) / 99)
        ahead = round(92 + (365 - 92) * (scale - 1) / 99)
        self.period = Period(first=today - timedelta(days=back), end=today + timedelta(days=ahead))
        self.types = seed_room_types()
        self.by_code = {room_type.code: room_type for room_type in self.types}
        self.ledger = Ledger(self.types, self.period, span=back + ahead + 16)
        demand = {row[0]: row[3] * row[6] for row in ROOM_TYPES}
        self.demand = Weighted({room_type: demand[room_type.code] for room_type in self.types})
        self.nights, self.rooms, self.leads = Weighted(NIGHTS), Weighted(ROOMS), Weighted(LEADS)
        self.sources, self.account_sources = Weighted(SOURCES), Weighted(ACCOUNT_SOURCES)
        self.guests = list(
            Profile.objects.filter(merged_into=None, anonymised_at=None).order_by("pk").values_list("pk", "account_id")
        )
        if not self.guests:
            raise RuntimeError("Seed the guest-history demo first: the rooms demo books its guest profiles.")
        rng.shuffle(self.guests)
        self.nights_away: dict[int, set[date]] = defaultdict(set)  # each guest's booked nights
        self.desk = list(User.objects.filter(groups__name="front_desk").order_by("pk").values_list("pk", flat=True))
        self.reservations: list[Reservation] = []
        self.created: list[datetime] = []

    # Guests and stays

    def guest(self, arrival: date, departure: date) -> tuple[int, int | None]:
        """A guest profile free on those nights; the first ones in the shuffled list come back often, as regulars
        do. When twenty draws find only busy guests, the first free one after the last draw is taken."""
        nights = {arrival + timedelta(days=n) for n in range((departure - arrival).days)}

        def free(index: int) -> bool:
            return self.nights_away[self.guests[index][0]].isdisjoint(nights)

        for _try in range(20):
            drawn = int(len(self.guests) * self.rng.random() ** 1.4)
            if free(drawn):
                break
        else:
            after = chain(range(drawn, len(self.guests)), range(drawn))
            drawn = next((index for index in after if free(index)), drawn)
        guest = self.guests[drawn]
        self.nights_away[guest[0]] |= nights
        return guest

    def lead(self) -> int:
        return min(365, int(self.rng.expovariate(1 / self.leads.draw(self.rng))))

    def status(self, arrival: date, departure: date, *, may_cancel: bool = True) -> str:
        roll, today = self.rng.random(), self.today
        if arrival > today:
            return Status.CANCELLED if may_cancel and roll < 0.08 else Status.RESERVED
        if may_cancel and roll < 0.07:
            return Status.CANCELLED
        if arrival == today:
            return Status.RESERVED
        if may_cancel and roll < 0.1:
            return Status.NO_SHOW
        if departure > today or (departure == today and roll < 0.6):
            return Status.CHECKED_IN
        return Status.CHECKED_OUT

    def at(self, day: date, hours: tuple[int, int], *, after: datetime | None = None) -> datetime:
        """A moment of the day within the hours, not before `after` and not later than now."""
        moment = datetime.combine(day, time(self.rng.randint(*hours), self.rng.randint(0, 59)), tzinfo=self.zone)
        return min(max(moment, after or moment), self.now)

    def add(self, reservation: Reservation, created_on: date) -> None:
        """Set the times that follow from the status, and keep the reservation with its creation time."""
        rng, status = self.rng, reservation.status
        created = self.at(created_on, (14, 21) if reservation.source == Source.WALK_IN else (8, 22))
        if status in (Status.CHECKED_IN, Status.CHECKED_OUT):
            reservation.checked_in_at = self.at(reservation.arrival, (13, 22), after=created)
        if status == Status.CHECKED_OUT:
            reservation.checked_out_at = self.at(reservation.departure, (7, 12), after=reservation.checked_in_at)
        if status == Status.CANCELLED:
            last = min(reservation.arrival, self.today)
            day = created_on + timedelta(days=rng.randint(0, max(0, (last - created_on).days)))
            reservation.cancelled_at = self.at(day, (8, 22), after=created)
            reservation.cancel_reason = rng.choice(CANCEL_REASONS)
        if status == Status.NO_SHOW:
            reservation.cancelled_at = self.at(reservation.arrival + timedelta(days=1), (0, 1), after=created)
        self.reservations.append(reservation)
        self.created.append(created)

    def rate(self, room_type: RoomType, arrival: date, source: str) -> Decimal:
        factor = MONTH_RATES[arrival.month] * SOURCE_RATES.get(source, 1.0) * self.rng.uniform(0.97, 1.03)
        if arrival.weekday() in (4, 5):
            factor *= 1.08
        return round_money(round(float(room_type.default_rate) * factor / 10) * 10)

    def individual_stays(self) -> None:
        rng, period, ledger = self.rng, self.period, self.ledger
        for day_number in range((period.end - period.first).days):
            arrival = period.first + timedelta(days=day_number)
            expected = ARRIVALS_A_DAY * MONTHS[arrival.month] * WEEKDAYS[arrival.weekday()]
            for _ in range(max(0, round(rng.gauss(expected, expected**0.5)))):
                nights, rooms = self.nights.draw(rng), self.rooms.draw(rng)
                departure = arrival + timedelta(days=nights)
                guest, account_id = self.guest(arrival, departure)
                source = (self.account_sources if account_id else self.sources).draw(rng)
                lead = 0 if source == Source.WALK_IN else self.lead()
                if arrival - timedelta(days=lead) > self.today:
                    continue  # not booked yet: the future fills as the day comes closer
                status = self.status(arrival, departure, may_cancel=source != Source.WALK_IN)
                holds = status in Reservation.HOLDING
                room_type = self._room_type(day_number, nights, rooms if holds else 0)
                if room_type is None:
                    continue  # full: the hotel could not take this stay
                if holds:
                    ledger.take("sold", room_type.pk, day_number, nights, rooms)
                adults = rng.choice((1, 2, 2, 3, 4)) if room_type.code == "FM" else rng.choice((1, 1, 1, 2, 2))
                sharer = self.guest(arrival, departure)[0] if adults > 1 and rng.random() < 0.1 else None
                reservation = Reservation(
                    guest_id=guest,
                    sharer_id=sharer if sharer != guest else None,
                    arrival=arrival,
                    departure=departure,
                    room_type=room_type,
                    rooms=rooms,
                    adults=max(adults, rooms),
                    rate=self.rate(room_type, arrival, source),
                    source=source,
                    status=status,
                    special_requests=rng.choice(REQUESTS) if rng.random() < 0.12 else "",
                    created_by_id=rng.choice(self.desk) if self.desk and source in DESK_SOURCES else None,
                )
                self.add(reservation, min(arrival - timedelta(days=lead), self.today))

    def _room_type(self, first: int, nights: int, rooms: int) -> RoomType | None:
        """The type the guest asks for, or another when it is full; a stay that holds no rooms always fits."""
        for _attempt in range(3):
            room_type = self.demand.draw(self.rng)
            if self.ledger.free(room_type.pk, first, nights) >= rooms:
                return room_type
        return None

    # Group blocks

    def group_blocks(self) -> tuple[list[Booking], list[GroupBlock], list[BlockNight], list[date]]:
        rng, period = self.rng, self.period
        sellers = list(
            User.objects.filter(groups__name="sales", is_active=True)
            .distinct()
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        accounts = Account.objects.filter(kind__in=GROUP_ACCOUNTS).order_by("pk")
        accounts = list(accounts.values("pk", "name", "kind", "segment", "owner_id"))
        if not sellers or not accounts:
            return [], [], [], []
        contacts = defaultdict(list)
        for guest, account_id in self.guests:
            if account_id:
                contacts[account_id].append(guest)
        bookings, blocks, cells, made_on = [], [], [], []
        month = period.first.replace(day=1)
        while month < period.end:
            for _ in range(rng.randint(*GROUPS_A_MONTH)):
                nights = rng.randint(2, 4)
                first = month + timedelta(days=rng.randint(0, 27))
                shoulder = rng.random() < 0.25
                start = first - timedelta(days=1) if shoulder else first
                if start < period.first or first + timedelta(days=nights) > period.end:
                    continue
                account = rng.choice(accounts)
                booking, block, created_on = self._group_booking(account, sellers, contacts, first, nights)
                block_cells = self._block_cells(block, created_on, start, first, nights)
                if not block_cells:
                    continue
                booking.estimated_value = sum(cell.contracted for cell in block_cells) * block.rate
                bookings.append(booking)
                blocks.append(block)
                cells += block_cells
                made_on.append(created_on)
            month = (month + timedelta(days=32)).replace(day=1)
        return bookings, blocks, cells, made_on

    def _group_booking(self, account, sellers, contacts, first: date, nights: int):
        rng, today = self.rng, self.today
        if account["kind"] == Account.Kind.TRAVEL_AGENCY:
            name = f"{account['name']}{first:%Y年%m月}旅游团"
        else:
            name = f"{account['name']}{first.year}{rng.choice(GROUP_NAMES)}"
        last = first + timedelta(days=nights - 1)
        cutoff = first - timedelta(days=rng.choice((14, 21, 21, 30)))
        created_on = min(today - timedelta(days=1), first - timedelta(days=rng.randint(45, 200)))
        if last < today:
            status = Booking.Status.ACTUAL if rng.random() < 0.85 else Booking.Status.DEFINITE
        elif cutoff >= today and rng.random() < 0.35:
            status = Booking.Status.TENTATIVE
        else:
            status = Booking.Status.DEFINITE
        segment = account["segment"]
        if segment == Segment.CORPORATE and rng.random() < 0.5:
            segment = Segment.MICE
        booking = Booking(
            kind=Booking.Kind.GROUP,
            name=name,
            account_id=account["pk"],
            contact_id=rng.choice(contacts[account["pk"]]) if contacts[account["pk"]] else None,
            owner_id=account["owner_id"] if account["owner_id"] in sellers else rng.choice(sellers),
            segment=segment,
            status=status,
            terms=GROUP_TERMS,
        )
        if status == Booking.Status.TENTATIVE:
            booking.option_date = min(cutoff, today + timedelta(days=rng.randint(3, 20)))
        else:
            booking.definite_on = min(today, created_on + timedelta(days=rng.randint(5, 30)), first - timedelta(days=1))
        rate = float(self.by_code["DK"].default_rate) * rng.uniform(*GROUP_RATES)
        block = GroupBlock(
            booking=booking,
            rate=round_money(round(rate / 10) * 10),
            cutoff_date=cutoff,
            released_on=cutoff + timedelta(days=1) if cutoff < today else None,
        )
        return booking, block, created_on

    def _block_cells(self, block: GroupBlock, made_on: date, start: date, first: date, nights: int) -> list[BlockNight]:
        """The block's grid with its pickups: blocked rooms leave general inventory; after the cutoff only the
        picked-up rooms stay blocked and the others are released."""
        rng, ledger, today = self.rng, self.ledger, self.today
        lead_in = (first - start).days  # the shoulder night before the group's first night, if any
        offset, span = self.period.offset(start), lead_in + nights
        days_to_cutoff = (block.cutoff_date - today).days
        cells = []
        for code, (low, high, step), share in GROUP_TYPES:
            if rng.random() > share:
                continue
            room_type = self.by_code[code]
            wanted = min(rng.randrange(low, high + 1, step), ledger.free(room_type.pk, offset, span))
            if wanted <= 0:
                continue
            if block.released_on or days_to_cutoff <= 0:
                share_picked = rng.uniform(0.65, 1.0)
            else:
                share_picked = rng.uniform(0.5, 0.95) * min(1.0, max(0.1, 1 - days_to_cutoff / 120))
            picked = [0] * span
            for _guest in range(round(wanted * share_picked)):
                arrive = lead_in if rng.random() < 0.85 else rng.randint(0, span - 1)
                leave = span if rng.random() < 0.85 else rng.randint(arrive + 1, span)
                if any(picked[night] >= wanted for night in range(arrive, leave)):
                    continue
                for night in range(arrive, leave):
                    picked[night] += 1
                self._pickup(block, made_on, room_type, start + timedelta(days=arrive), leave - arrive)
            for night in range(span):
                contracted = wanted // 2 if night < lead_in else wanted
                if block.released_on:
                    blocked, released = picked[night], contracted - picked[night]
                else:
                    blocked, released = max(contracted, picked[night]), 0
                ledger.take("blocked", room_type.pk, offset + night, 1, blocked)
                ledger.take("picked_up", room_type.pk, offset + night, 1, picked[night])
                cells.append(
                    BlockNight(
                        block=block,
                        room_type=room_type,
                        night=start + timedelta(days=night),
                        contracted=contracted,
                        blocked=blocked,
                        picked_up=picked[night],
                        released=max(0, released),
                        shoulder=night < lead_in,
                    )
                )
        return cells

    def _pickup(self, block: GroupBlock, made_on: date, room_type: RoomType, arrival: date, nights: int) -> None:
        """A guest of the rooming list, named between the group's signing and the cutoff."""
        rng = self.rng
        departure = arrival + timedelta(days=nights)
        guest = self.guest(arrival, departure)[0]
        latest = min(self.today, block.cutoff_date)
        reservation = Reservation(
            guest_id=guest,
            arrival=arrival,
            departure=departure,
            room_type=room_type,
            adults=rng.choice((1, 1, 2)),
            rate=block.rate,
            source=Source.GROUP,
            status=self.status(arrival, departure, may_cancel=False),
            block=block,
            special_requests=rng.choice(REQUESTS) if rng.random() < 0.05 else "",
        )
        self.add(reservation, max(made_on, latest - timedelta(days=rng.randint(0, 40))))


def seed(*, scale: int, rng: random.Random, today: date) -> dict:
    """Room types, group blocks and reservations, into a database without room bookings yet; the guest-history
    demo must have made the profiles (and the sales team) first."""
    seeder = Seeder(scale=scale, rng=rng, today=today)
    # Groups sign before most individual guests book, so the blocks are placed first.
    bookings, blocks, cells, group_made_on = seeder.group_blocks()
    seeder.individual_stays()
    taken = set(Reservation.objects.values_list("confirmation", flat=True))
    numbers = (f"{number:08d}" for number in rng.sample(range(10**8), len(seeder.reservations) + len(taken)))
    for reservation, number in zip(seeder.reservations, (n for n in numbers if n not in taken), strict=False):
        reservation.confirmation = number

    # Each bulk_create takes the ids its rows' parents got from the one before.
    Booking.objects.bulk_create(bookings, batch_size=BATCH)
    GroupBlock.objects.bulk_create(blocks, batch_size=BATCH)
    BlockNight.objects.bulk_create(cells, batch_size=BATCH)
    Reservation.objects.bulk_create(seeder.reservations, batch_size=BATCH)
    Inventory.objects.bulk_create(seeder.ledger.inventory(seeder.types), batch_size=BATCH)
    backdate(Booking, bookings, [seeder.at(day, (9, 17)) for day in group_made_on])
    backdate(Reservation, seeder.reservations, seeder.created)
    counts = {"room types": len(seeder.types), "group blocks": len(blocks), "reservations": len(seeder.reservations)}
    return counts | rates_demo.seed(today=today)


def backdate(model, rows: list, moments: list[datetime]) -> None:
    """Set each row's creation time (auto_now_add ignores a given one), in batches of one statement each."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH * 4):
            cursor.execute(
                f"UPDATE {table} AS made SET created_at = moment.at "
                "FROM unnest(%s::bigint[], %s::timestamptz[]) AS moment(id, at) WHERE made.id = moment.id",
                [[row.pk for row in rows[start : start + BATCH * 4]], moments[start : start + BATCH * 4]],
            )
