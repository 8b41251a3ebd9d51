from django.conf import settings
from django.utils import timezone

from hotelsales.navigation import menus_for, sections_for
from hotelsales.roles import user_roles


def shell(request):
    """What the base template needs on every page: the hotel's name and the user's sections."""
    user = request.user
    return {
        "hotel_name": settings.HOTEL_NAME,
        "nav_sections": sections_for(user) if user.is_authenticated else [],
        "nav_menus": menus_for(user) if user.is_authenticated else [],
        "user_roles": user_roles(user),
        "now": timezone.now(),
        "today": timezone.localdate(),
    }
