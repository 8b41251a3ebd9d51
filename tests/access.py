"""Who may open which page: the table that tests/test_access.py checks against every URL of the project.

Every named URL must appear here (or in PUBLIC / NOT_PAGES); issues that add pages add their rows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from hotelsales.roles import ALL_ROLES, Role

SALES, FRONT_DESK, MANAGER, RECEIVABLES, ADMIN = Role.values


@dataclass(frozen=True)
class Rule:
    roles: tuple[str, ...]
    kwargs: Callable[[], dict] | None = None
    method: str = "get"
    ok: tuple[int, ...] = (200,)
    data: dict = field(default_factory=dict)


# Open to anyone, signed in or not.
PUBLIC = {"healthz", "login", "set_language", "clienthistory:activity-feed"}  # the feed is guarded by its secret token
# Handled by their own packages' checks (Django admin requires staff), or actions tested on their own.
NOT_PAGES = {"logout"}

ACCESS: dict[str, Rule] = {
    "hotelsales:home": Rule(ALL_ROLES),
    "hotelsales:job-runs": Rule((MANAGER, ADMIN)),
    "password_change": Rule(ALL_ROLES),
    "password_change_done": Rule(ALL_ROLES),
}


def _account():
    from tests.factories import AccountFactory

    return {"pk": AccountFactory().pk}


def _profile():
    from tests.factories import ProfileFactory

    return {"pk": ProfileFactory().pk}


def _preference():
    from tests.factories import PreferenceFactory

    return {"pk": PreferenceFactory().pk}


def _vip_level():
    from tests.factories import VipLevelFactory

    return {"pk": VipLevelFactory().pk}


def _own_activity():
    """An activity of the cast's salesperson, whom the edit and done pages admit besides managers."""
    from tests.factories import ActivityFactory

    return {"pk": ActivityFactory(owner__username=f"{SALES}-user").pk}


CLIENT_READERS = (SALES, FRONT_DESK, MANAGER, RECEIVABLES)

ACCESS.update(
    {
        "clienthistory:account-list": Rule(CLIENT_READERS),
        "clienthistory:account-create": Rule((SALES, MANAGER, RECEIVABLES)),
        "clienthistory:account-lookup": Rule(CLIENT_READERS),
        "clienthistory:account-import": Rule((SALES, MANAGER)),
        "clienthistory:account-import-confirm": Rule((SALES, MANAGER), method="post", ok=(400,)),
        "clienthistory:account-import-template": Rule((SALES, MANAGER)),
        "clienthistory:account-export": Rule(CLIENT_READERS),
        "clienthistory:account-detail": Rule(CLIENT_READERS, _account),
        "clienthistory:account-edit": Rule((SALES, MANAGER, RECEIVABLES), _account),
        "clienthistory:credit-assess": Rule((MANAGER, RECEIVABLES), _account, method="post", ok=(400,)),
        "clienthistory:profile-list": Rule(CLIENT_READERS),
        "clienthistory:profile-create": Rule((SALES, FRONT_DESK, MANAGER)),
        "clienthistory:profile-lookup": Rule(CLIENT_READERS),
        "clienthistory:profile-import": Rule((SALES, MANAGER)),
        "clienthistory:profile-import-confirm": Rule((SALES, MANAGER), method="post", ok=(400,)),
        "clienthistory:profile-import-template": Rule((SALES, MANAGER)),
        "clienthistory:profile-export": Rule(CLIENT_READERS),
        "clienthistory:profile-detail": Rule(CLIENT_READERS, _profile),
        "clienthistory:profile-edit": Rule((SALES, FRONT_DESK, MANAGER), _profile),
        "clienthistory:preference-add": Rule((SALES, FRONT_DESK, MANAGER), _profile, method="post", ok=(400,)),
        "clienthistory:preference-delete": Rule((SALES, FRONT_DESK, MANAGER), _preference, method="post"),
        "clienthistory:search": Rule(CLIENT_READERS),
        "clienthistory:profile-privacy-export": Rule((MANAGER,), _profile),
        "clienthistory:profile-anonymise": Rule((MANAGER,), _profile, method="post", ok=(302,)),
        "clienthistory:duplicate-list": Rule((SALES, MANAGER)),
        "clienthistory:profile-merge": Rule((SALES, MANAGER), method="post", ok=(400,)),
        "clienthistory:activity-list": Rule((SALES, MANAGER)),
        "clienthistory:activity-create": Rule((SALES, MANAGER)),
        "clienthistory:activity-edit": Rule((SALES, MANAGER), _own_activity),
        "clienthistory:activity-done": Rule((SALES, MANAGER), _own_activity, method="post", ok=(400,)),
        "clienthistory:activity-calendar": Rule((SALES, MANAGER)),
        "clienthistory:activity-team-week": Rule((MANAGER,)),
        "clienthistory:activity-feed-settings": Rule((SALES, MANAGER)),
        "clienthistory:activity-feed-rotate": Rule((SALES, MANAGER), method="post", ok=(302,)),
        "clienthistory:vip-level-list": Rule((MANAGER,)),
        "clienthistory:vip-level-create": Rule((MANAGER,)),
        "clienthistory:vip-level-edit": Rule((MANAGER,), _vip_level),
    }
)


def _booking():
    from tests.factories import BookingFactory

    return {"pk": BookingFactory().pk}


def _event():
    from tests.factories import make_event

    return {"pk": make_event().pk}


ACCESS.update(
    {
        "reservations:booking-list": Rule(CLIENT_READERS),
        "reservations:booking-create": Rule((SALES, MANAGER)),
        "reservations:booking-lookup": Rule(CLIENT_READERS),
        "reservations:booking-detail": Rule(CLIENT_READERS, _booking),
        "reservations:booking-edit": Rule((SALES, MANAGER), _booking),
        "reservations:booking-status": Rule((SALES, MANAGER), _booking, method="post", ok=(302,)),
        "reservations:booking-deposits": Rule((SALES, MANAGER), _booking),
        "reservations:event-create": Rule((SALES, MANAGER)),
        "reservations:event-edit": Rule((SALES, MANAGER), _event),
        "reservations:event-delete": Rule((SALES, MANAGER), _event, method="post", ok=(302,)),
        "reservations:diary": Rule(CLIENT_READERS),
    }
)


def _reservation():
    from datetime import timedelta

    from django.utils import timezone

    from reservations.rooms import book_room
    from tests.factories import ProfileFactory, RoomTypeFactory

    today = timezone.localdate()
    reservation = book_room(guest=ProfileFactory(), arrival=today, departure=today + timedelta(days=2),
                            room_type=RoomTypeFactory(code="ACC"))  # fmt: skip
    return {"pk": reservation.pk}


def _group_booking():
    from tests.factories import BookingFactory

    return {"booking_pk": BookingFactory(kind="group", status="definite").pk}


def _block():
    from decimal import Decimal

    from django.utils import timezone

    from reservations.models import GroupBlock
    from tests.factories import BookingFactory

    booking = BookingFactory(kind="group", status="definite")
    return {"pk": GroupBlock.objects.create(booking=booking, rate=Decimal("500"), cutoff_date=timezone.localdate()).pk}


DESK = (FRONT_DESK, SALES, MANAGER)

ACCESS.update(
    {
        "reservations:reservation-create": Rule(DESK),
        "reservations:availability-options": Rule(DESK),
        "reservations:guest-summary": Rule(DESK),
        "reservations:availability": Rule(CLIENT_READERS),
        "reservations:front-desk": Rule(CLIENT_READERS),
        "reservations:reservation-detail": Rule(CLIENT_READERS, _reservation),
        "reservations:reservation-action": Rule(
            DESK, _reservation, method="post", ok=(302,), data={"action": "check_in"}
        ),
        "reservations:block-create": Rule((SALES, MANAGER), _group_booking),
        "reservations:block-detail": Rule(CLIENT_READERS, _block),
    }
)
