"""The Simplified Chinese catalogue translates every string the code and templates mark for translation."""

import shutil

import polib
from django.conf import settings
from django.core.management import call_command

SOURCES = ["hotelsales", "clienthistory", "reservations", "receivables", "templates"]
CATALOGUE = "locale/zh_Hans/LC_MESSAGES/django.po"


def test_every_marked_string_has_a_chinese_translation(tmp_path, monkeypatch):
    # makemessages writes next to the sources, so regenerate the catalogue in a copy of them.
    for source in SOURCES:
        shutil.copytree(settings.BASE_DIR / source, tmp_path / source, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / CATALOGUE).parent.mkdir(parents=True)
    shutil.copy(settings.BASE_DIR / CATALOGUE, tmp_path / CATALOGUE)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(settings, "LOCALE_PATHS", [tmp_path / "locale"])

    call_command("makemessages", locale=["zh_Hans"], no_obsolete=True, verbosity=0)

    catalogue = polib.pofile(tmp_path / CATALOGUE)
    missing = [entry.msgid for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    assert not missing, f"run `make messages` and translate in {CATALOGUE}: {missing}"
