from django.conf import settings
from django.utils import timezone

from hotelsales.release import release
from hotelsales.roles import user_roles


def shell(request):
    """What the base template needs on every page: the hotel's name, the user's roles and the date; and the release
    that fragments are cached under."""
    user = request.user
    return {
        "hotel_name": settings.HOTEL_NAME,
        "user_roles": user_roles(user),
        "now": timezone.now(),
        "today": timezone.localdate(),
        "release": release(),
    }
