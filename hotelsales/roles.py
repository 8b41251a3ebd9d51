"""Roles are Django groups. Every view names the roles it admits; administrators are admitted everywhere."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SALES = "sales", _("Sales")
    FRONT_DESK = "front_desk", _("Front desk")
    MANAGER = "manager", _("Manager")
    RECEIVABLES = "receivables", _("Receivables")
    ADMIN = "admin", _("Administrator")


ALL_ROLES = tuple(Role)


def user_roles(user) -> frozenset[str]:
    """The names of the roles a user holds, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return frozenset()
    held = getattr(user, "_hotelsales_roles", None)
    if held is None:
        held = frozenset(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
        if user.is_superuser:
            held |= {Role.ADMIN.value}
        user._hotelsales_roles = held
    return held


def has_role(user, *roles: str) -> bool:
    held = user_roles(user)
    return Role.ADMIN in held or not held.isdisjoint(roles)


def role_required(*roles: str):
    """Admit signed-in users who hold one of `roles`; send others to the login page or a 403."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(checked)

    return decorator
