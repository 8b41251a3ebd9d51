from functools import lru_cache

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from overview.navigation import SECTIONS, menus_of, sections_for

SECTIONS_BY_NAME = {section.url_name: section for section in SECTIONS}


def navigation(request):
    """The signed-in user's sections, and the main menu of the base template made of them."""
    if not request.user.is_authenticated:
        return {"nav_sections": [], "nav_menu": ""}
    sections = sections_for(request.user)
    active = next((section.url for section in sections if section.url == request.path), "")
    names = tuple(section.url_name for section in sections)
    return {"nav_sections": sections, "nav_menu": main_menu(names, translation.get_language(), active)}


@lru_cache(maxsize=512)
def main_menu(names: tuple[str, ...], language: str, active: str) -> SafeString:
    """The menu of these sections in this language, `active` marked: rendered once per process, as every page
    shows it and only the roles, the language and the page shown (when it is a section's) change it."""
    sections = [SECTIONS_BY_NAME[name] for name in names]
    return render_to_string("snippets/main_menu.html", {"nav_menus": menus_of(sections), "active": active})
