"""A trigger in words, as its pages say it: its moment with its N (生日前 7 天) and its action (an email, a call for the
account owner), and what N means for each moment, for the form's help."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from marketing.models import Channel, Moment, Trigger
from marketing.triggers.moments import MOMENTS

PHRASES: dict[str, Callable[[int], str]] = {
    Moment.BIRTHDAY: lambda n: ngettext("%(n)s day before the birthday", "%(n)s days before the birthday", n),
    Moment.WEDDING_ANNIVERSARY: lambda n: ngettext(
        "%(n)s day before the anniversary of a wedding held here",
        "%(n)s days before the anniversary of a wedding held here",
        n,
    ),
    Moment.EVENT_ANNIVERSARY: lambda n: ngettext(
        "%(n)s day before the anniversary of an event held here",
        "%(n)s days before the anniversary of an event held here",
        n,
    ),
    Moment.AFTER_CHECK_OUT: lambda n: ngettext("%(n)s day after check-out", "%(n)s days after check-out", n),
    Moment.BEFORE_ARRIVAL: lambda n: ngettext("%(n)s day before arrival", "%(n)s days before arrival", n),
    Moment.LAPSED_GUEST: lambda n: ngettext("No stay for %(n)s month", "No stay for %(n)s months", n),
    Moment.LAPSED_ACCOUNT: lambda n: ngettext(
        "An account without a stay or event for %(n)s month",
        "An account without a stay or event for %(n)s months",
        n,
    ),
    Moment.ACCOUNT_DECLINE: lambda n: gettext("An account's revenue this quarter %(n)s %% or more below last year's"),
    Moment.OPTION_UNANSWERED: lambda n: ngettext(
        "%(n)s day after an option date passed unanswered", "%(n)s days after an option date passed unanswered", n
    ),
    Moment.STAY_MILESTONE: lambda n: gettext("The guest's stay number %(n)s"),
    Moment.COMPLAINT_SATISFIED: lambda n: ngettext(
        "%(n)s day after a complaint's callback found the guest satisfied",
        "%(n)s days after a complaint's callback found the guest satisfied",
        n,
    ),
    Moment.IN_HOUSE: lambda n: ngettext(
        "In the house, %(n)s hour after check-in", "In the house, %(n)s hours after check-in", n
    ),
}


def moment_in_words(trigger: Trigger) -> str:
    """The trigger's moment with its N; a moment the Wi-Fi portal or the car service reports has no N."""
    phrase = PHRASES.get(trigger.moment)
    if phrase is None:
        return str(Moment(trigger.moment).label)
    return phrase(trigger.number) % {"n": trigger.number}


def action_in_words(trigger: Trigger) -> str:
    """The message's channel, or the task and whom it is for."""
    if trigger.channel != Channel.TASK:
        return str(trigger.get_channel_display())
    kind = trigger.get_task_kind_display() or gettext("Task")
    if trigger.team:
        return gettext("%(task)s for the %(team)s team, in turn") % {"task": kind, "team": trigger.get_team_display()}
    return gettext("%(task)s for the account owner") % {"task": kind}


@dataclass(frozen=True)
class Unit:
    """What N means for a moment, for the form's help."""

    moment: str
    label: str
    unit: str
    least: int
    most: int
    default: int
    pushed: bool

    @property
    def span(self) -> str:
        return f"{self.least}–{self.most}"


def units() -> list[Unit]:
    return [
        Unit(moment, Moment(moment).label, str(kind.unit), kind.least, kind.most, kind.default, kind.pushed)
        for moment, kind in MOMENTS.items()
    ]
