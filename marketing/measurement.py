"""Honest measurement of a campaign or a trigger against its control group.

Members are split once, reproducibly: `in_control_group` hashes the campaign's seed with the member's id, so the
same members are kept out however often the split is made, and about `share` of them are. The results compare the
conversion rate of the contacted with the control group's: the difference (the uplift) comes with its 95 %
confidence interval, and the incremental conversions and revenue are what the contacted did beyond what the
control group's rates say they would have done anyway. Where the data cannot support a figure — no control group,
no contact, no cost — the figure is None and `why_not` says why, rather than a number.
"""

import hashlib
import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from hotelsales.money import TENTH, round_half_up, round_money, round_percent

# The normal distribution's two-sided 95 % quantile.
Z95 = 1.959963984540054
# Fewer members than this in either group: the interval's normal approximation does not hold, no uplift is shown.
MIN_GROUP = 30
ZERO = Decimal("0")


def in_control_group(seed: str, member_id: int, share: Decimal) -> bool:
    """Whether the member is kept out as control: the same answer for the same seed and member, every time."""
    digest = hashlib.sha256(f"{seed}:{member_id}".encode()).digest()
    return Decimal(int.from_bytes(digest[:8], "big")) / Decimal(2**64) < share


@dataclass(frozen=True)
class Group:
    members: int
    converted: int
    revenue: Decimal

    @property
    def rate(self) -> float | None:
        return self.converted / self.members if self.members else None

    @property
    def revenue_per_member(self) -> Decimal | None:
        return self.revenue / self.members if self.members else None


@dataclass(frozen=True)
class Results:
    contacted: Group
    control: Group
    cost: Decimal

    @property
    def why_not(self) -> str:
        """Why the comparison with the control group is not shown, or ""."""
        if not self.contacted.members:
            return str(_("Nobody was contacted yet."))
        if not self.control.members:
            return str(_("There is no control group to compare with."))
        if min(self.contacted.members, self.control.members) < MIN_GROUP:
            return str(_("Too few members to compare: at least %(n)s in each group.") % {"n": MIN_GROUP})
        return ""

    @property
    def conversion_rate(self) -> Decimal | None:
        return _percent(self.contacted.rate)

    @property
    def control_rate(self) -> Decimal | None:
        return _percent(self.control.rate)

    @property
    def uplift(self) -> Decimal | None:
        """The contacted's conversion rate minus the control group's, in percentage points."""
        if self.why_not:
            return None
        return _percent(self.contacted.rate - self.control.rate)

    @property
    def uplift_interval(self) -> tuple[Decimal, Decimal] | None:
        """The uplift's 95 % confidence interval (the normal approximation of a difference of two proportions)."""
        if self.why_not:
            return None
        p1, n1, p2, n2 = self.contacted.rate, self.contacted.members, self.control.rate, self.control.members
        margin = Z95 * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
        difference = p1 - p2
        return _percent(difference - margin), _percent(difference + margin)

    @property
    def significant(self) -> bool:
        """Whether the interval leaves out zero: the campaign made a difference the data can tell apart."""
        interval = self.uplift_interval
        return interval is not None and (interval[0] > 0 or interval[1] < 0)

    @property
    def incremental_conversions(self) -> Decimal | None:
        if self.why_not:
            return None
        expected = Decimal(self.contacted.members) * self.control.converted / self.control.members
        return round_half_up(Decimal(self.contacted.converted) - expected, TENTH)

    @property
    def incremental_revenue(self) -> Decimal | None:
        """The contacted's revenue beyond what the control group's revenue per member says they would have spent."""
        if self.why_not:
            return None
        return round_money(self.contacted.revenue - self.contacted.members * self.control.revenue_per_member)

    @property
    def cost_per_conversion(self) -> Decimal | None:
        return round_money(self.cost / self.contacted.converted) if self.contacted.converted else None

    @property
    def roi(self) -> Decimal | None:
        """(Incremental revenue − cost) ÷ cost, in per cent: what each yuan spent brought beyond itself."""
        if self.incremental_revenue is None or not self.cost:
            return None
        return round_percent((self.incremental_revenue - self.cost) / self.cost * 100)


def _percent(rate: float | None) -> Decimal | None:
    return None if rate is None else round_percent(Decimal(str(rate)) * 100)


@dataclass(frozen=True)
class Pooled:
    """Several campaigns or triggers taken together, each compared with its own control group.

    The success rates are the plain shares (conversions ÷ members of each group, all together). The uplift is not
    the difference of those two — control groups of different shares would weigh their senders unequally — but
    each sender's own uplift weighed by its contacted members (a stratified estimate), over the senders whose
    comparison holds (`Results.why_not`), with its 95 % interval; None when none holds."""

    parts: tuple[Results, ...]

    @property
    def contacted(self) -> Group:
        return _sum(part.contacted for part in self.parts)

    @property
    def control(self) -> Group:
        return _sum(part.control for part in self.parts)

    @property
    def conversion_rate(self) -> Decimal | None:
        return _percent(self.contacted.rate)

    @property
    def control_rate(self) -> Decimal | None:
        return _percent(self.control.rate)

    @property
    def _compared(self) -> list[Results]:
        return [part for part in self.parts if not part.why_not]

    @property
    def compared(self) -> int:
        """How many of the senders have a comparison that holds."""
        return len(self._compared)

    @property
    def uplift(self) -> Decimal | None:
        estimate = self._estimate()
        return None if estimate is None else _percent(estimate[0])

    @property
    def uplift_interval(self) -> tuple[Decimal, Decimal] | None:
        estimate = self._estimate()
        if estimate is None:
            return None
        difference, variance = estimate
        margin = Z95 * math.sqrt(variance)
        return _percent(difference - margin), _percent(difference + margin)

    @property
    def significant(self) -> bool:
        interval = self.uplift_interval
        return interval is not None and (interval[0] > 0 or interval[1] < 0)

    def _estimate(self) -> tuple[float, float] | None:
        compared = self._compared
        weight = sum(part.contacted.members for part in compared)
        if not weight:
            return None
        difference = variance = 0.0
        for part in compared:
            share = part.contacted.members / weight
            p1, n1, p2, n2 = part.contacted.rate, part.contacted.members, part.control.rate, part.control.members
            difference += share * (p1 - p2)
            variance += share**2 * (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
        return difference, variance


def _sum(groups) -> Group:
    members = converted = 0
    revenue = ZERO
    for group in groups:
        members, converted, revenue = members + group.members, converted + group.converted, revenue + group.revenue
    return Group(members, converted, revenue)
