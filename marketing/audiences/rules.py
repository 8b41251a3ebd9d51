"""The rules of a client segment (客群): what each kind of rule asks for, how it is checked, said in words, and
turned into a filter over the guest history.

A segment's rules are a list of dicts, `{"kind": "stays", "at_least": 3, "months": 12}`, all of which a member
must meet. Each kind names its parameters as form fields, so that the builder's rows and the model's check read a
rule alike (`RuleForm`): a bad rule is a field error wherever it comes from. Values are kept as JSON holds them:
dates as ISO text, amounts as decimal text, chosen rows (VIP levels, owners) by id.

Members are guest profiles (merged and anonymised ones left out) or accounts. Each rule is a filter on one of them,
`pk IN (subquery)` or a plain condition, never a loop over members: PostgreSQL answers the subqueries as hashed
semi-joins from the indexes of reservations, events and profiles. What the history rules read:

- a **stay** is a reservation of the guest (its `guest`, not a sharer) that was checked in — checked in or checked
  out; reserved, cancelled and no-show ones are not stays. It falls in a period by its arrival date. Its **nights**
  are departure − arrival, whatever the number of rooms.
- **room spend** is each stay's rate × rooms × nights, as the reservation keeps it (the app has no folio).
- **F&B spend** is, per event of a definite or actual booking starting in the period, the figure the sales
  production report reads: food (the menu price per person at the guarantee, or the expected count while there is
  none; per table × tables for a menu priced per table) plus beverages priced likewise, topped up to the event's F&B
  minimum. Room rental and equipment are not F&B. A profile's events are those of the bookings it is the contact
  of; an account's, those of its bookings.
- **an event held here** is an event of a definite or actual booking of that kind starting in the period; a
  wedding is a banquet booking of the wedding market segment.
- for **accounts**, stays, nights and room spend add up the stays of the account's guest profiles; birthdays,
  anniversaries, VIP levels, preferences and consent are those of its (active) contacts: an account is in when
  one of its contacts is.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, DecimalField, F, Max, Min, Q, QuerySet, Sum, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest
from django.db.models.lookups import Range
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from clienthistory.models import Account, Preference, Profile, Segment, VipLevel, month_day
from clienthistory.staff import StaffMultipleChoiceField, staff_who_sell
from hotelsales.db import DaysBetween
from hotelsales.forms import DateField, StripsBidiControls
from hotelsales.money import format_money
from hotelsales.punctuation import aside, label, word_list
from hotelsales.roles import Role
from reservations.models import Booking, Event, Reservation

MAX_RULES = 20
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
MAX_YEARS = 10  # the longest period a rule reads
MAX_MONTHS = 120
MAX_DAYS = 366  # birthdays and anniversaries within a (leap) year
MAX_AMOUNT = Decimal(10) ** 10
MAX_COUNT = 10_000
MONEY = DecimalField(max_digits=18, decimal_places=2)

STAYED = Reservation.STAYED
HELD = (Booking.Status.DEFINITE, Booking.Status.ACTUAL)
ACTIVE = Q(merged_into=None, anonymised_at=None)


class Members(models.TextChoices):
    PROFILES = "profiles", gettext_lazy("Guest profiles")
    ACCOUNTS = "accounts", gettext_lazy("Accounts")


def members_of(members: str) -> QuerySet:
    """Everyone a segment of `members` may hold, before its rules."""
    if members == Members.ACCOUNTS:
        return Account.objects.all()
    return Profile.objects.filter(ACTIVE)


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier, or that month's last day when it is shorter (31 March − 1 month is
    28 or 29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _shown(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _months_field(label: Promise) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1, max_value=MAX_MONTHS, required=False)


def _date_field(label: Promise) -> DateField:
    return DateField(label=label, required=False, first=FIRST_DAY, last=LAST_DAY)


def _stored(value):
    """A cleaned value as the rule keeps it in JSON."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, QuerySet):
        return sorted(row.pk for row in value)
    if isinstance(value, list | tuple):
        return [getattr(item, "pk", item) for item in value]
    return value


class Kind:
    """A kind of rule: its name in the builder, its parameters, its words, and its filter on either kind of member.
    Subclasses fill in `fields`, `words`, `profiles` and `accounts`; `check` adds errors that involve several
    fields."""

    key: str
    label: Promise

    def fields(self) -> dict[str, forms.Field]:
        return {}

    def check(self, form: forms.Form, cleaned: dict) -> None:
        pass

    def words(self, rule: dict, names: "Names", today: date) -> str:
        raise NotImplementedError

    def profiles(self, rule: dict, today: date) -> Q:
        raise NotImplementedError

    def accounts(self, rule: dict, today: date) -> Q:
        raise NotImplementedError

    def filter(self, members: str, rule: dict, today: date) -> Q:
        return self.accounts(rule, today) if members == Members.ACCOUNTS else self.profiles(rule, today)


class InPeriod(Kind):
    """A rule over a period: the last N months up to today, or two dates at most MAX_YEARS apart."""

    def fields(self):
        return {
            "months": _months_field(gettext_lazy("In the last months")),
            "first": _date_field(pgettext_lazy("start of a period", "From")),
            "last": _date_field(pgettext_lazy("end of a period", "To")),
        }

    def check(self, form, cleaned):
        months, first, last = cleaned.get("months"), cleaned.get("first"), cleaned.get("last")
        if months and (first or last):
            form.add_error("months", _("Give either the last months or the dates, not both."))
        elif not months and not (first and last):
            missing = "months" if not (first or last) else ("last" if first else "first")
            form.add_error(missing, _("Give the last months, or both dates."))
        elif first and last and last < first:
            form.add_error("last", _("The end cannot be before the start."))
        elif first and last and last >= months_before(first, -12 * MAX_YEARS):
            form.add_error("last", _("A period is at most %(years)s years.") % {"years": MAX_YEARS})

    @staticmethod
    def period(rule: dict, today: date) -> tuple[date, date]:
        if rule.get("months"):
            return months_before(today, rule["months"]) + timedelta(days=1), today
        return _day(rule["first"]), _day(rule["last"])

    @staticmethod
    def period_words(rule: dict) -> str:
        if rule.get("months"):
            return ngettext("in the last %(months)s month", "in the last %(months)s months", rule["months"]) % {
                "months": rule["months"]
            }
        return _("from %(first)s to %(last)s") % {
            "first": _shown(_day(rule["first"])),
            "last": _shown(_day(rule["last"])),
        }

    def stays(self, rule: dict, today: date) -> QuerySet:
        first, last = self.period(rule, today)
        return Reservation.objects.filter(status__in=STAYED, arrival__gte=first, arrival__lte=last)

    def events(self, rule: dict, today: date) -> QuerySet:
        first, last = self.period(rule, today)
        start = timezone.make_aware(datetime.combine(first, time.min))
        end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
        return Event.objects.filter(booking__status__in=HELD, start__gte=start, start__lt=end)


def _per_member(rows: QuerySet, member: str, figure) -> QuerySet:
    """A figure of `rows` per member (`member` is the path to the member's id): SELECT member, figure … GROUP BY."""
    return rows.filter(**{f"{member}__isnull": False}).values(member=F(member)).annotate(figure=figure)


class Stays(InPeriod):
    key = "stays"
    label = gettext_lazy("Stays in a period")

    def fields(self):
        count = forms.IntegerField(label=_("At least this many stays"), min_value=1, max_value=MAX_COUNT)
        return {"at_least": count, **super().fields()}

    def words(self, rule, names, today):
        return ngettext(
            "Stayed at least %(count)s time %(period)s", "Stayed at least %(count)s times %(period)s", rule["at_least"]
        ) % {"count": rule["at_least"], "period": self.period_words(rule)}

    def _members(self, rule, today, member):
        counted = _per_member(self.stays(rule, today), member, Count("*"))
        return Q(pk__in=counted.filter(figure__gte=rule["at_least"]).values("member"))

    def profiles(self, rule, today):
        return self._members(rule, today, "guest")

    def accounts(self, rule, today):
        return self._members(rule, today, "guest__account")


class Nights(Stays):
    key = "nights"
    label = gettext_lazy("Nights in a period")

    def fields(self):
        nights = forms.IntegerField(label=_("At least this many nights"), min_value=1, max_value=MAX_COUNT)
        return {"at_least": nights, **InPeriod.fields(self)}

    def words(self, rule, names, today):
        return ngettext(
            "Stayed at least %(count)s night %(period)s",
            "Stayed at least %(count)s nights %(period)s",
            rule["at_least"],
        ) % {"count": rule["at_least"], "period": self.period_words(rule)}

    def _members(self, rule, today, member):
        nights = _per_member(self.stays(rule, today), member, Sum(DaysBetween("departure", "arrival")))
        return Q(pk__in=nights.filter(figure__gte=rule["at_least"]).values("member"))


def fnb_revenue():
    """An event's food and beverages at the guarantee (or the expected count), topped up to its F&B minimum: the
    figure of the sales production report."""
    persons = Coalesce("guaranteed", "expected")
    food = Case(
        When(pricing=Event.Pricing.PER_TABLE, then=F("menu_price") * F("tables")),
        default=F("menu_price") * persons,
        output_field=MONEY,
    )
    beverage = Case(
        When(beverage_pricing=Event.Pricing.PER_TABLE, then=F("beverage_price") * F("tables")),
        default=F("beverage_price") * persons,
        output_field=MONEY,
    )
    return Greatest(F("fnb_minimum"), food + beverage, output_field=MONEY)


class Spend(InPeriod):
    key = "spend"
    label = gettext_lazy("Spend in a period")
    ROOMS, FNB, TOTAL = "rooms", "fnb", "total"
    ON = {
        ROOMS: gettext_lazy("rooms"),
        FNB: gettext_lazy("food and beverage"),
        TOTAL: gettext_lazy("rooms and food and beverage together"),
    }

    def fields(self):
        return {
            "on": forms.ChoiceField(label=_("Spent on"), choices=list(self.ON.items()), initial=self.TOTAL),
            "at_least": forms.DecimalField(
                label=_("At least (amount)"), min_value=0, max_value=MAX_AMOUNT - 1, max_digits=12, decimal_places=2
            ),
            **super().fields(),
        }

    def words(self, rule, names, today):
        return _("Spent at least %(amount)s on %(what)s %(period)s") % {
            "amount": format_money(Decimal(rule["at_least"])),
            "what": self.ON[rule["on"]],
            "period": self.period_words(rule),
        }

    def _members(self, rule, today, *, guest: str, booking: str) -> Q:
        rooms = _per_member(
            self.stays(rule, today),
            guest,
            Sum(F("rate") * F("rooms") * DaysBetween("departure", "arrival"), output_field=MONEY),
        )
        fnb = _per_member(self.events(rule, today), booking, Sum(fnb_revenue(), output_field=MONEY))
        amount = Decimal(rule["at_least"])
        if rule["on"] != self.TOTAL:
            spent = rooms if rule["on"] == self.ROOMS else fnb
            return Q(pk__in=spent.filter(figure__gte=amount).values("member"))
        # Rooms and F&B of a member come from different tables: both lists of (member, amount), one after the
        # other, added up per member. The ORM has no aggregate over a UNION, hence the SQL around the two queries.
        rooms_sql, rooms_params = rooms.query.sql_with_params()
        fnb_sql, fnb_params = fnb.query.sql_with_params()
        together = RawSQL(
            f"SELECT member FROM ({rooms_sql} UNION ALL {fnb_sql}) AS spend GROUP BY member HAVING SUM(figure) >= %s",
            (*rooms_params, *fnb_params, amount),
        )
        return Q(pk__in=together)

    def profiles(self, rule, today):
        return self._members(rule, today, guest="guest", booking="booking__contact")

    def accounts(self, rule, today):
        return self._members(rule, today, guest="guest__account", booking="booking__account")


class StayDate(Kind):
    """The first or the last stay, against a date or a number of months back from today."""

    aggregate: type[models.Aggregate]

    def since(self, rule: dict, today: date) -> date:
        raise NotImplementedError

    def lookup(self) -> str:
        raise NotImplementedError

    def _members(self, rule, today, member):
        stays = _per_member(Reservation.objects.filter(status__in=STAYED), member, self.aggregate("arrival"))
        return Q(pk__in=stays.filter(**{f"figure__{self.lookup()}": self.since(rule, today)}).values("member"))

    def profiles(self, rule, today):
        return self._members(rule, today, "guest")

    def accounts(self, rule, today):
        return self._members(rule, today, "guest__account")

    def check_either(self, form, cleaned, date_field: str) -> None:
        if cleaned.get("months") and cleaned.get(date_field):
            form.add_error("months", _("Give either the months or the date, not both."))
        elif not cleaned.get("months") and not cleaned.get(date_field):
            form.add_error("months", _("Give the months or the date."))


class FirstStay(StayDate):
    key = "first_stay"
    label = gettext_lazy("First stay")
    aggregate = Min

    def fields(self):
        return {
            "months": _months_field(gettext_lazy("In the last months")),
            "since": _date_field(gettext_lazy("On or after")),
        }

    def check(self, form, cleaned):
        self.check_either(form, cleaned, "since")

    def since(self, rule, today):
        if rule.get("months"):
            return months_before(today, rule["months"]) + timedelta(days=1)
        return _day(rule["since"])

    def lookup(self):
        return "gte"

    def words(self, rule, names, today):
        said = _("First stay on or after %(date)s") % {"date": _shown(self.since(rule, today))}
        if rule.get("months"):
            said += aside(
                ngettext("a new guest of the last %(months)s month", "a new guest of the last %(months)s months",
                         rule["months"]) % {"months": rule["months"]}
            )  # fmt: skip
        return said


class LastStay(StayDate):
    key = "last_stay"
    label = gettext_lazy("Last stay (lapsed)")
    aggregate = Max

    def fields(self):
        return {"months": _months_field(gettext_lazy("Lapsed for months")), "before": _date_field(_("Before"))}

    def check(self, form, cleaned):
        self.check_either(form, cleaned, "before")

    def since(self, rule, today):
        return months_before(today, rule["months"]) if rule.get("months") else _day(rule["before"])

    def lookup(self):
        return "lt"

    def words(self, rule, names, today):
        said = _("Last stay before %(date)s") % {"date": _shown(self.since(rule, today))}
        if rule.get("months"):
            said += aside(ngettext("lapsed %(months)s month", "lapsed %(months)s months", rule["months"])
                          % {"months": rule["months"]})  # fmt: skip
        return said


# Every month-day of a leap year, in order: 101, 102 … 229 … 1231.
YEAR_OF_MONTH_DAYS = [day.month * 100 + day.day for day in (date(2000, 1, 1) + timedelta(days=n) for n in range(366))]


def days_ahead(today: date, days: int) -> list[tuple[int, int]]:
    """The month-days (`clienthistory.models.month_day`, 1231 for 31 December) from today to `days` days ahead, as
    ranges of numbers: a window across the year's end is two. A 29 February birthday is kept on 28 February in a
    common year, so a window holding 28 February of a common year holds 29 February too."""
    window = [today + timedelta(days=n) for n in range(days + 1)]
    wanted = {day.month * 100 + day.day for day in window}
    if any((day.month, day.day) == (2, 28) and not calendar.isleap(day.year) for day in window):
        wanted.add(229)
    ranges: list[tuple[int, int]] = []
    follows = False  # whether the month-day before this one was wanted
    for number in YEAR_OF_MONTH_DAYS:
        if number in wanted and follows:
            ranges[-1] = (ranges[-1][0], number)
        elif number in wanted:
            ranges.append((number, number))
        follows = number in wanted
    return ranges


class DayComing(Kind):
    """A profile's yearly day (its birthday or anniversary) within the coming days, today included."""

    field: str

    def fields(self):
        days = forms.IntegerField(
            label=_("Within the next days"), min_value=0, max_value=MAX_DAYS, initial=30, help_text=_("0 is today.")
        )
        return {"days": days}

    def _within(self, rule, today) -> Q:
        found = Q()
        for first, last in days_ahead(today, rule["days"]):
            found |= Q(Range(month_day(self.field), (first, last)))
        return found

    def profiles(self, rule, today):
        return self._within(rule, today)

    def accounts(self, rule, today):
        contacts = Profile.objects.filter(ACTIVE, self._within(rule, today), account__isnull=False)
        return Q(pk__in=contacts.values("account"))


class Birthday(DayComing):
    key = "birthday"
    label = gettext_lazy("Birthday coming up")
    field = "birthday"

    def words(self, rule, names, today):
        if rule["days"] == 0:
            return _("Birthday today")
        return ngettext("Birthday within %(days)s day", "Birthday within %(days)s days", rule["days"]) % {
            "days": rule["days"]
        }


class Anniversary(DayComing):
    key = "anniversary"
    label = gettext_lazy("Anniversary coming up")
    field = "anniversary"

    def words(self, rule, names, today):
        if rule["days"] == 0:
            return _("Anniversary today")
        return ngettext("Anniversary within %(days)s day", "Anniversary within %(days)s days", rule["days"]) % {
            "days": rule["days"]
        }


class EventHeld(InPeriod):
    key = "event"
    label = gettext_lazy("Wedding or event held here")
    WEDDING, BANQUET, CONFERENCE, ANY = "wedding", "banquet", "conference", "any"
    WHAT = {
        WEDDING: gettext_lazy("Wedding"),
        BANQUET: gettext_lazy("Banquet"),
        CONFERENCE: gettext_lazy("Conference"),
        ANY: gettext_lazy("Any event"),
    }
    WORDS = {
        WEDDING: gettext_lazy("Held a wedding here %(period)s"),
        BANQUET: gettext_lazy("Held a banquet here %(period)s"),
        CONFERENCE: gettext_lazy("Held a conference here %(period)s"),
        ANY: gettext_lazy("Held an event here %(period)s"),
    }
    BOOKINGS = {
        WEDDING: Q(booking__kind=Booking.Kind.BANQUET, booking__segment=Segment.WEDDING),
        BANQUET: Q(booking__kind=Booking.Kind.BANQUET),
        CONFERENCE: Q(booking__kind=Booking.Kind.CONFERENCE),
        ANY: Q(),
    }

    def fields(self):
        what = forms.ChoiceField(label=_("What"), choices=list(self.WHAT.items()), initial=self.WEDDING)
        return {"what": what, **super().fields()}

    def words(self, rule, names, today):
        return self.WORDS[rule["what"]] % {"period": self.period_words(rule)}

    def _members(self, rule, today, member):
        events = self.events(rule, today).filter(self.BOOKINGS[rule["what"]], **{f"{member}__isnull": False})
        return Q(pk__in=events.values(member))

    def profiles(self, rule, today):
        return self._members(rule, today, "booking__contact")

    def accounts(self, rule, today):
        return self._members(rule, today, "booking__account")


class Chosen(Kind):
    """Any of some chosen values of a profile's or an account's field."""

    choices_label: Promise

    def chosen_field(self) -> forms.Field:
        raise NotImplementedError

    def fields(self):
        return {"any_of": self.chosen_field()}

    def shown(self, rule: dict, names: "Names") -> list[str]:
        raise NotImplementedError

    def words(self, rule, names, today):
        return label(self.choices_label) + word_list(self.shown(rule, names))


class Vip(Chosen):
    key = "vip"
    label = choices_label = gettext_lazy("VIP level")

    def chosen_field(self):
        return forms.ModelMultipleChoiceField(
            label=_("VIP levels"), queryset=VipLevel.objects.all(), widget=forms.CheckboxSelectMultiple
        )

    def shown(self, rule, names):
        return [names.vip_levels.get(pk, "?") for pk in rule["any_of"]]

    def profiles(self, rule, today):
        return Q(vip_level__in=rule["any_of"])

    def accounts(self, rule, today):
        contacts = Profile.objects.filter(ACTIVE, vip_level__in=rule["any_of"], account__isnull=False)
        return Q(pk__in=contacts.values("account"))


class AccountKind(Chosen):
    key = "account_type"
    label = choices_label = gettext_lazy("Account type")

    def chosen_field(self):
        return forms.MultipleChoiceField(
            label=_("Account types"), choices=Account.Kind.choices, widget=forms.CheckboxSelectMultiple
        )

    def shown(self, rule, names):
        return [Account.Kind(value).label for value in rule["any_of"]]

    def profiles(self, rule, today):
        return Q(account__kind__in=rule["any_of"])

    def accounts(self, rule, today):
        return Q(kind__in=rule["any_of"])


class MarketSegment(Chosen):
    key = "market_segment"
    label = choices_label = gettext_lazy("Market segment")

    def chosen_field(self):
        return forms.MultipleChoiceField(
            label=_("Market segments"), choices=Segment.choices, widget=forms.CheckboxSelectMultiple
        )

    def shown(self, rule, names):
        return [Segment(value).label for value in rule["any_of"]]

    def profiles(self, rule, today):
        return Q(account__segment__in=rule["any_of"])

    def accounts(self, rule, today):
        return Q(segment__in=rule["any_of"])


class AccountOwner(Chosen):
    key = "account_owner"
    label = choices_label = gettext_lazy("Account owner")

    def chosen_field(self):
        return StaffMultipleChoiceField(
            label=_("Account owners"), queryset=staff_who_sell(), widget=forms.CheckboxSelectMultiple
        )

    def shown(self, rule, names):
        return [names.people.get(pk, "?") for pk in rule["any_of"]]

    def profiles(self, rule, today):
        return Q(account__owner__in=rule["any_of"])

    def accounts(self, rule, today):
        return Q(owner__in=rule["any_of"])


class Likes(Kind):
    key = "preference"
    label = gettext_lazy("Preference")

    def fields(self):
        category = forms.ChoiceField(
            label=_("Category"), choices=[("", _("Any category")), *Preference.Category.choices], required=False
        )
        return {"category": category, "contains": forms.CharField(label=_("Contains"), max_length=100)}

    def words(self, rule, names, today):
        if rule.get("category"):
            return _("%(category)s preference contains “%(text)s”") % {
                "category": Preference.Category(rule["category"]).label,
                "text": rule["contains"],
            }
        return _("Preference contains “%(text)s”") % {"text": rule["contains"]}

    def _preferences(self, rule) -> QuerySet:
        preferences = Preference.objects.filter(text__icontains=rule["contains"])
        return preferences.filter(category=rule["category"]) if rule.get("category") else preferences

    def profiles(self, rule, today):
        return Q(pk__in=self._preferences(rule).values("profile"))

    def accounts(self, rule, today):
        contacts = self._preferences(rule).filter(profile__merged_into=None, profile__anonymised_at=None)
        return Q(pk__in=contacts.filter(profile__account__isnull=False).values("profile__account"))


class Consent(Kind):
    key = "consent"
    label = gettext_lazy("Marketing consent")
    YES, NO = "yes", "no"

    def fields(self):
        choices = [(self.YES, _("Agrees to marketing")), (self.NO, _("Does not agree to marketing"))]
        return {"consent": forms.ChoiceField(label=_("Marketing consent"), choices=choices, initial=self.YES)}

    def words(self, rule, names, today):
        return _("Agrees to marketing") if rule["consent"] == self.YES else _("Does not agree to marketing")

    def profiles(self, rule, today):
        return Q(marketing_consent=rule["consent"] == self.YES)

    def accounts(self, rule, today):
        consenting = Q(
            pk__in=Profile.objects.filter(ACTIVE, marketing_consent=True, account__isnull=False).values("account")
        )
        return consenting if rule["consent"] == self.YES else ~consenting


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Stays(), Nights(), Spend(), FirstStay(), LastStay(), Birthday(), Anniversary(), EventHeld(), Vip(),
        AccountKind(), MarketSegment(), AccountOwner(), Likes(), Consent(),
    )
}  # fmt: skip
FIRST_KIND = Stays.key


@dataclass(frozen=True)
class Names:
    """What the words of rules name by id: VIP levels and account owners, read once for all the rules shown."""

    vip_levels: dict[int, str]
    people: dict[int, str]


def names_for(rules: list[dict]) -> Names:
    """The names the rules' words need, in at most two queries (none when no rule names a VIP level or an owner)."""
    levels = {pk for rule in rules if rule["kind"] == Vip.key for pk in rule["any_of"]}
    owners = {pk for rule in rules if rule["kind"] == AccountOwner.key for pk in rule["any_of"]}
    return Names(
        vip_levels={level.pk: str(level) for level in (VipLevel.objects.filter(pk__in=levels) if levels else [])},
        people={
            user.pk: user.get_full_name() or user.get_username()
            for user in (get_user_model().objects.filter(pk__in=owners) if owners else [])
        },
    )


def every_name() -> Names:
    """The names of every VIP level and of everyone who sells or sold, for the rules of a whole history: two
    queries of small tables, whatever the rules."""
    sellers = get_user_model().objects.filter(groups__name__in=[Role.SALES, Role.MANAGER]).distinct()
    return Names(
        vip_levels={level.pk: str(level) for level in VipLevel.objects.all()},
        people={user.pk: user.get_full_name() or user.get_username() for user in sellers},
    )


def words(rules: list[dict], today: date, names: Names | None = None) -> list[str]:
    """Each rule in words, as the segment's page lists them."""
    names = names if names is not None else names_for(rules)
    return [KINDS[rule["kind"]].words(rule, names, today) for rule in rules]


def members(*, members: str, rules: list[dict], today: date) -> QuerySet:
    """The profiles or accounts that meet every rule, as of `today`."""
    queryset = members_of(members)
    for rule in rules:
        queryset = queryset.filter(KINDS[rule["kind"]].filter(members, rule, today))
    return queryset


class RuleForm(StripsBidiControls, forms.Form):
    """One rule: its kind and that kind's parameters. The builder shows one per row; the model checks each stored
    rule with it too, so that a rule is refused alike wherever it comes from."""

    kind = forms.ChoiceField(label=gettext_lazy("Rule"), choices=[(key, kind.label) for key, kind in KINDS.items()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.data.get(self.add_prefix("kind")) if self.is_bound else self.initial.get("kind")
        self.rule_kind = KINDS.get(chosen, KINDS[FIRST_KIND]) if isinstance(chosen, str) else KINDS[FIRST_KIND]
        self.fields["kind"].initial = self.rule_kind.key
        parameters = self.rule_kind.fields()
        self.parameter_names = list(parameters)
        self.fields.update(parameters)

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            self.rule_kind.check(self, cleaned)
        return cleaned

    def parameter_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.parameter_names]

    def rule(self) -> dict:
        """The rule as the segment keeps it; only for a valid form."""
        parameters = {name: _stored(self.cleaned_data[name]) for name in self.parameter_names}
        return {
            "kind": self.rule_kind.key,
            **{name: value for name, value in parameters.items() if value not in (None, "")},
        }


def clean_rules(rules) -> list[dict]:
    """The stored rules checked as the builder checks its rows and written as it writes them (numbers as numbers,
    chosen ids in order); a ValidationError lists what is wrong, one message per problem."""
    if not isinstance(rules, list):
        raise ValidationError(_("The rules must be a list."))
    if len(rules) > MAX_RULES:
        raise ValidationError(_("A segment has at most %(most)s rules.") % {"most": MAX_RULES})
    problems, cleaned = [], []
    for number, rule in enumerate(rules, start=1):
        if not isinstance(rule, dict) or rule.get("kind") not in KINDS:
            problems.append(_("Rule %(number)s is of no known kind.") % {"number": number})
            continue
        form = RuleForm(data=rule)
        unknown = sorted(set(rule) - set(form.fields))
        if unknown:
            problems.append(
                _("Rule %(number)s has unknown parameters: %(names)s.")
                % {"number": number, "names": word_list(unknown)}
            )
        elif form.is_valid():
            cleaned.append(form.rule())
        else:
            for name, errors in form.errors.items():
                said = label(form.fields[name].label) if name in form.fields else ""
                problems += [
                    _("Rule %(number)s: %(problem)s") % {"number": number, "problem": said + error} for error in errors
                ]
    if problems:
        raise ValidationError(problems)
    return cleaned


def make_rule(kind: str, **parameters) -> dict:
    """A rule of `kind` as the builder would save it, checked: for code that builds segments (the demo, tests)."""
    form = RuleForm(data={"kind": kind, **{name: _stored(value) for name, value in parameters.items()}})
    if not form.is_valid():
        raise ValueError(f"a bad {kind} rule: {form.errors.as_json()}")
    return form.rule()
