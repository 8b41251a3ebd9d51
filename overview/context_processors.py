from overview.navigation import menus_of, sections_for


def navigation(request):
    """The signed-in user's sections, for the menus of the base template."""
    sections = sections_for(request.user) if request.user.is_authenticated else []
    return {"nav_sections": sections, "nav_menus": menus_of(sections)}
