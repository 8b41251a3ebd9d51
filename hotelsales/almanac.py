"""The Chinese calendar a hotel sells by, for any year: festivals, the hotel's seasons, the official holidays with
their adjusted working days (调休上班), and the auspicious wedding days (宜嫁娶).

Lunar dates and the almanac come from lunar_python (Lunar.fromYmd(...).getSolar() for a lunar festival, a day's
宜 list for the wedding days). The official holidays are the State Council's arrangements that the installed
lunar_python carries (HolidayUtil): a year published after that release has none, and says so (`official_days`
is None) rather than showing a year without holidays. The seasons are the hotel's own, not a calendar's: the
annual-party season (年会季) runs from 1 December to the eve of the Spring Festival, graduation banquets
(谢师宴/升学宴) from 25 June to 31 August, and the wedding high seasons (婚宴旺季) are May and September–November.

A year is worked out once per process (functools.lru_cache): its wedding days take 365 almanac look-ups, about
half a second.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from lunar_python import Lunar, Solar
from lunar_python.util import HolidayUtil

from hotelsales.punctuation import label, word_list

WEDDINGS = "嫁娶"  # the almanac's word for marrying, in a day's 宜 (favourable) list
SUNDAY = 6

# The holiday names lunar_python gives its official days (HolidayUtil.NAMES), in the page's language.
OFFICIAL_HOLIDAYS = {
    "元旦节": _("New Year's Day"),
    "春节": _("Spring Festival"),
    "清明节": _("Qingming Festival"),
    "劳动节": _("Labour Day"),
    "端午节": _("Dragon Boat Festival"),
    "中秋节": _("Mid-Autumn Festival"),
    "国庆节": _("National Day"),
    "国庆中秋": _("National Day and Mid-Autumn Festival"),
    "抗战胜利日": _("Victory Day"),
}
# The hotel's seasons, by key: the calendar's legend names them in this order.
SEASONS = {
    "annual_party": _("Annual-party season"),
    "graduation": _("Graduation banquets"),
    "wedding": _("Wedding high season"),
}


@dataclass(frozen=True)
class Occasion:
    """A festival or a season: a named day, or run of days, that the hotel sells around."""

    key: str
    name: Promise
    first: date
    last: date

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class OfficialDay:
    """A day of the official holiday arrangement: a day off, or a weekend day worked instead (调休上班)."""

    day: date
    holiday: Promise
    working: bool

    @property
    def description(self) -> str:
        """'National Day: day off', '国庆节：调休上班'."""
        return label(self.holiday) + (gettext("adjusted working day") if self.working else gettext("day off"))


@dataclass(frozen=True)
class Year:
    number: int
    festivals: tuple[Occasion, ...]
    seasons: tuple[Occasion, ...]  # those that touch the year: the annual-party season twice, at each end
    official_days: dict[date, OfficialDay] | None  # None: the year's holidays are not published (in the library)
    wedding_days: frozenset[date]


@dataclass(frozen=True)
class DayMarks:
    """What the calendar says about one day."""

    day: date
    festivals: tuple[Occasion, ...]
    seasons: tuple[Occasion, ...]
    official: OfficialDay | None
    wedding_day: bool

    @property
    def festival_names(self) -> str:
        return word_list(festival.name for festival in self.festivals)


def _lunar(year: int, month: int, day: int) -> date:
    """The Gregorian date of a lunar year's month and day."""
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _sunday(year: int, month: int, nth: int) -> date:
    """The nth Sunday of a month: Mother's Day is the second of May, Father's Day the third of June."""
    first = date(year, month, 1)
    return first + timedelta(days=(SUNDAY - first.weekday()) % 7 + 7 * (nth - 1))


def spring_festival(year: int) -> date:
    return _lunar(year, 1, 1)


def _festivals(year: int) -> tuple[Occasion, ...]:
    days = [
        ("spring_festival", _("Spring Festival"), spring_festival(year)),
        ("lantern_festival", _("Lantern Festival"), _lunar(year, 1, 15)),
        ("valentines_day", _("Valentine's Day"), date(year, 2, 14)),
        ("womens_day", _("Women's Day"), date(year, 3, 8)),
        ("mothers_day", _("Mother's Day"), _sunday(year, 5, 2)),
        ("520", _("520 (“I love you” day)"), date(year, 5, 20)),
        ("fathers_day", _("Father's Day"), _sunday(year, 6, 3)),
        ("dragon_boat", _("Dragon Boat Festival"), _lunar(year, 5, 5)),
        ("qixi", _("Qixi (Chinese Valentine's Day)"), _lunar(year, 7, 7)),
        ("mid_autumn", _("Mid-Autumn Festival"), _lunar(year, 8, 15)),
        ("christmas", _("Christmas"), date(year, 12, 25)),
        ("new_years_eve", _("New Year's Eve"), date(year, 12, 31)),
    ]
    festivals = [Occasion(key, name, day, day) for key, name, day in days]
    festivals.append(Occasion("golden_week", _("National Day Golden Week"), date(year, 10, 1), date(year, 10, 7)))
    return tuple(sorted(festivals, key=lambda festival: festival.first))


def _seasons(year: int) -> tuple[Occasion, ...]:
    periods = [
        ("annual_party", date(year - 1, 12, 1), spring_festival(year) - timedelta(days=1)),
        ("wedding", date(year, 5, 1), date(year, 5, 31)),
        ("graduation", date(year, 6, 25), date(year, 8, 31)),
        ("wedding", date(year, 9, 1), date(year, 11, 30)),
        ("annual_party", date(year, 12, 1), spring_festival(year + 1) - timedelta(days=1)),
    ]
    return tuple(Occasion(key, SEASONS[key], first, last) for key, first, last in periods)


@lru_cache(maxsize=16)
def official_days(year: int) -> dict[date, OfficialDay] | None:
    """The year's official days off and adjusted working days; None when the installed library has not got them."""
    holidays = HolidayUtil.getHolidays(year)
    if not holidays:
        return None
    days = {}
    for holiday in holidays:
        day = date.fromisoformat(holiday.getDay())
        days[day] = OfficialDay(day, OFFICIAL_HOLIDAYS.get(holiday.getName(), holiday.getName()), holiday.isWork())
    return days


def _wedding_days(year: int) -> frozenset[date]:
    first, days = date(year, 1, 1), set()
    for offset in range((date(year + 1, 1, 1) - first).days):
        day = first + timedelta(days=offset)
        if WEDDINGS in Solar.fromYmd(day.year, day.month, day.day).getLunar().getDayYi():
            days.add(day)
    return frozenset(days)


@lru_cache(maxsize=16)
def year_of(year: int) -> Year:
    """Everything the calendar says about `year`, worked out once per process."""
    return Year(
        number=year,
        festivals=_festivals(year),
        seasons=_seasons(year),
        official_days=official_days(year),
        wedding_days=_wedding_days(year),
    )


def marks_between(first: date, last: date) -> list[DayMarks]:
    """The marks of each day from `first` to `last`, both included."""
    marks = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        year = year_of(day.year)
        marks.append(
            DayMarks(
                day=day,
                festivals=tuple(festival for festival in year.festivals if festival.covers(day)),
                seasons=tuple(season for season in year.seasons if season.covers(day)),
                official=(year.official_days or {}).get(day),
                wedding_day=day in year.wedding_days,
            )
        )
    return marks


def is_working_day(day: date) -> bool:
    """Whether offices work on `day`: Monday to Friday, less the official days off, plus the adjusted working days
    (调休上班); Monday to Friday alone in a year whose arrangement is not published."""
    official = (official_days(day.year) or {}).get(day)
    if official is not None:
        return official.working
    return day.weekday() < 5


def days_of(year: int) -> list[DayMarks]:
    """The marks of every day of `year`."""
    return marks_between(date(year, 1, 1), date(year, 12, 31))
