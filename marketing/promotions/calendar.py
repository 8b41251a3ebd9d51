"""The promotions calendar (促销日历): the whole weeks of a month, or the twelve small months of a year, each day
with what hotelsales.almanac says of it (festivals, the hotel's seasons, official holidays, wedding days) and the
promotions running on it, read in one query.

In a month each promotion keeps one lane for the week, so that its bar runs straight across the days it covers;
its name is written where the bar begins: on its first day, and on each Monday it is still running.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from clienthistory.calendar import Span, days_shown, monday_of
from hotelsales.almanac import DayMarks, Occasion, days_of, marks_between, year_of
from hotelsales.punctuation import word_list
from marketing.models import Promotion
from marketing.promotions.queries import promotions_between

YEARS = range(2000, 2101)  # the years the calendar shows
COLOURS = 6  # promotions are told apart by colour, given in order of start: .promo-0 … .promo-5 in static/css/app.css
WEEK = 7


@dataclass(frozen=True)
class Bar:
    """One lane of a day: the promotion running on it, or None where the lane is free that day."""

    promotion: Promotion | None
    colour: int = 0
    starts: bool = False  # the bar begins here and carries the promotion's name


@dataclass
class CalendarDay:
    marks: DayMarks
    bars: list[Bar]
    today: bool = False
    outside: bool = False  # a day of the month before or after, filling the month's first and last weeks

    @property
    def day(self) -> date:
        return self.marks.day

    @property
    def season(self) -> Occasion | None:
        return self.marks.seasons[0] if self.marks.seasons else None

    @property
    def season_starts(self) -> bool:
        """The season's band carries its name here: on its first day and on each Monday."""
        return self.season is not None and (self.day == self.season.first or self.day.weekday() == 0)

    @property
    def promotions(self) -> list[Promotion]:
        return [bar.promotion for bar in self.bars if bar.promotion]

    @property
    def summary(self) -> str:
        """The day's marks and promotions in words: the title of a small month's day."""
        words = [festival.name for festival in self.marks.festivals]
        words += [season.name for season in self.marks.seasons]
        if self.marks.official:
            words.append(self.marks.official.description)
        if self.marks.wedding_day:
            words.append(_("Auspicious day for weddings"))
        words += [promotion.name for promotion in self.promotions]
        return word_list(words)


@dataclass
class Week:
    days: list[CalendarDay]

    @property
    def has_season(self) -> bool:
        """Every day of a week with a season keeps a band's height, so that the promotions' bars line up."""
        return any(day.season for day in self.days)


@dataclass
class MonthGrid:
    month: date
    weeks: list[Week]
    holidays_published: bool

    @property
    def previous(self) -> date | None:
        month = (self.month - timedelta(days=1)).replace(day=1)
        return month if month.year in YEARS else None

    @property
    def next(self) -> date | None:
        month = (self.month + timedelta(days=32)).replace(day=1)
        return month if month.year in YEARS else None


@dataclass
class SmallMonth:
    month: date
    weeks: list[list[CalendarDay | None]]  # None: a day of another month
    festivals: list[Occasion]  # those beginning in the month
    promotions: list[Bar]  # those running in the month


@dataclass
class YearGrid:
    year: int
    months: list[SmallMonth]
    holidays_published: bool

    @property
    def weekdays(self) -> list[date]:
        """A Monday to Sunday, whose names head each small month's columns."""
        monday = monday_of(date(self.year, 1, 1))
        return [monday + timedelta(days=offset) for offset in range(WEEK)]

    @property
    def previous(self) -> int | None:
        return self.year - 1 if self.year - 1 in YEARS else None

    @property
    def next(self) -> int | None:
        return self.year + 1 if self.year + 1 in YEARS else None


def _lanes(promotions: list[Promotion], first: date, last: date) -> list[list[Promotion]]:
    """The promotions running between `first` and `last` (ordered by start), each kept on one lane, in as few
    lanes as they fit."""
    lanes: list[list[Promotion]] = []
    for promotion in promotions:
        if promotion.ends_on < first or promotion.starts_on > last:
            continue
        free = next((lane for lane in lanes if lane[-1].ends_on < promotion.starts_on), None)
        if free is None:
            lanes.append([promotion])
        else:
            free.append(promotion)
    return lanes


def _colours(promotions: list[Promotion]) -> dict[int, int]:
    """Each promotion's colour on the page: neighbours in time differ."""
    return {promotion.pk: number % COLOURS for number, promotion in enumerate(promotions)}


def _bars(lanes: list[list[Promotion]], day: date, colours: dict[int, int]) -> list[Bar]:
    bars = []
    for lane in lanes:
        running = next((promotion for promotion in lane if promotion.starts_on <= day <= promotion.ends_on), None)
        if running is None:
            bars.append(Bar(None))
        else:
            bars.append(Bar(running, colours[running.pk], starts=day == running.starts_on or day.weekday() == 0))
    return bars


def _month_day(marks: DayMarks, lanes: list[list[Promotion]], colours, *, month: date, today: date) -> CalendarDay:
    day = marks.day
    return CalendarDay(marks, _bars(lanes, day, colours), today=day == today, outside=day.month != month.month)


def month_calendar(*, month: date, today: date) -> MonthGrid:
    """The whole weeks, Monday to Sunday, of the month that begins on `month`."""
    start, end = days_shown(Span.MONTH, month)
    marks = marks_between(start, end - timedelta(days=1))
    promotions = promotions_between(start, end - timedelta(days=1))
    colours = _colours(promotions)
    weeks = []
    for first in range(0, len(marks), WEEK):
        days = marks[first : first + WEEK]
        lanes = _lanes(promotions, days[0].day, days[-1].day)
        weeks.append(Week([_month_day(day, lanes, colours, month=month, today=today) for day in days]))
    return MonthGrid(month=month, weeks=weeks, holidays_published=year_of(month.year).official_days is not None)


def _small_month(month: date, marks: list[DayMarks], promotions: list[Promotion], colours, today: date) -> SmallMonth:
    last = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    running = [
        Bar(promotion, colours[promotion.pk])
        for promotion in promotions
        if promotion.starts_on <= last and promotion.ends_on >= month
    ]
    days: list[CalendarDay | None] = [None] * month.weekday()
    for day in marks:
        bars = [bar for bar in running if bar.promotion.starts_on <= day.day <= bar.promotion.ends_on]
        days.append(CalendarDay(day, bars, today=day.day == today))
    days += [None] * (-len(days) % WEEK)
    return SmallMonth(
        month=month,
        weeks=[days[first : first + WEEK] for first in range(0, len(days), WEEK)],
        festivals=[festival for festival in year_of(month.year).festivals if festival.first.month == month.month],
        promotions=running,
    )


def year_calendar(*, year: int, today: date) -> YearGrid:
    marks = days_of(year)
    promotions = promotions_between(date(year, 1, 1), date(year, 12, 31))
    colours = _colours(promotions)
    months = [
        _small_month(
            date(year, number, 1), [day for day in marks if day.day.month == number], promotions, colours, today
        )
        for number in range(1, 13)
    ]
    return YearGrid(year=year, months=months, holidays_published=year_of(year).official_days is not None)
