from overview.navigation import menus_for, sections_for


def navigation(request):
    """The signed-in user's sections, for the menus of the base template."""
    user = request.user
    return {
        "nav_sections": sections_for(user) if user.is_authenticated else [],
        "nav_menus": menus_for(user) if user.is_authenticated else [],
    }
