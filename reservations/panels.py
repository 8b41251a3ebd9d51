"""The tabs this app adds to guest profiles (their stays, complaints and feedback) and accounts (their bookings and
rate agreements)."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clienthistory.panels import (
    ACCOUNT_BUTTONS,
    PROFILE_BUTTONS,
    Button,
    Panel,
    add_account_panel,
    add_button,
    add_profile_panel,
)
from hotelsales.roles import Role
from reservations import access
from reservations.models import AgreementRate, RateAgreement
from reservations.rooms.frontdesk import stay_history
from reservations.sales import queries


def account_bookings(account) -> dict:
    return {"bookings": list(queries.bookings().filter(account=account).order_by("-created_at")[:50])}


def rate_agreements(account) -> dict:
    lines = Prefetch("lines", AgreementRate.objects.select_related("room_type"))
    agreements = RateAgreement.objects.filter(account=account).prefetch_related(lines)
    return {"agreements": list(agreements[:20]), "today": timezone.localdate()}


def guest_care(profile) -> dict:
    """The complaints and feedback load into the tab by htmx, so the profile page keeps its query count."""
    return {"url": reverse("reservations:profile-care", args=[profile.pk])}


def _new_booking_for(parameter: str):
    return lambda subject: f"{reverse('reservations:booking-create')}?{parameter}={subject.pk}"


def register() -> None:
    for buttons, parameter in ((ACCOUNT_BUTTONS, "account"), (PROFILE_BUTTONS, "contact")):
        url = _new_booking_for(parameter)
        add_button(buttons, Button("new-booking", _("New booking"), "bi-journal-plus", url, access.SELL))
    add_profile_panel(Panel("stays", _("Stays"), "reservations/snippets/stays_panel.html", stay_history, access.READ))
    add_account_panel(
        Panel(
            "bookings",
            _("Bookings"),
            "reservations/snippets/account_bookings_panel.html",
            account_bookings,
            access.READ,
        )
    )
    add_account_panel(
        Panel(
            "rate-agreements",
            _("Rate agreements"),
            "reservations/snippets/rate_agreements_panel.html",
            rate_agreements,
            access.READ,
        )
    )
    add_profile_panel(
        Panel(
            "care",
            _("Complaints & feedback"),
            "snippets/tab_loader.html",
            guest_care,
            (Role.FRONT_DESK, Role.SALES, Role.MANAGER),
        )
    )
