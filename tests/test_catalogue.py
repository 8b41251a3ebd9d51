"""The Simplified Chinese catalogue translates every string the code and templates mark for translation, keeps each
message's placeholders, and reads like a hotel's: one word per concept (GLOSSARY), full-width punctuation, and no
English but the acronyms and names a Chinese hotel writes in Latin letters."""

import re
import shutil

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from tests.helpers import HALF_WIDTH_BESIDE_CHINESE

SOURCES = ["hotelsales", "clienthistory", "reservations", "receivables", "marketing", "overview", "templates"]
CATALOGUE = "locale/zh_Hans/LC_MESSAGES/django.po"

# What the code fills in or the page marks up, which the translation must carry over unchanged.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdfr]|%[sdfr%]|\{[^{}]*\}|<[^>]+>|&#?\w+;")
PUNCTUATION_EXCEPTIONS = {
    "yes,no": "the yesno filter's argument, which Django splits at the comma",
    "included,not included": "the yesno filter's argument of breakfast on the rate-agreement letter",
    "yyyy-mm-dd hh:mm": "the pattern of what is typed into a date-and-time box: 2026-03-08 14:30",
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.+-]*")
# Acronyms, file formats, products and keys that Chinese hotel staff write in Latin letters; single capitals are
# grades and shapes (A — 优秀, U形); TD is what a guest texts back to opt out of marketing messages (退订).
LATIN_ALLOWED = {
    *"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    *("ADR", "BEO", "CSV", "Excel", "ID", "MB", "PDF", "RevPAR", "SMTP", "TD", "URL", "UTF-8", "VIP", "Wi-Fi"),
    *("XLSX", "xlsx", "xls", "Outlook", "Apple", "Google", "iPhone", "Internet", "Tab"),
}

# One Chinese word per concept: a message whose English names the concept (placeholders aside) says it so.
GLOSSARY = {
    "sales activity (a salesperson's call, visit or meal with a client)": (r"\bactivit(y|ies)\b", "销售活动"),
    "sales visit": (r"\bvisits?\b", "拜访"),
    "event (a banquet, meeting or conference in a function room)": (r"\bevents?\b(?! order)", "宴会活动|每场"),
    "banquet event order": (r"\bBEOs?\b|banquet event order", "宴会通知单"),
    "function room": (r"\bfunction rooms?\b", "场地"),
    "credit note": (r"\bcredit notes?\b", "红冲单"),
    "no-show": (r"\bno-shows?\b", "未到店"),
    "shoulder night": (r"\bshoulder\b", "加住"),
    "attrition": (r"\battrition\b", "减房"),
    "pickup (rooms of a block the group's guests take up)": (r"\bpick(ed)?[ -]?up\b", "取房|取用"),
    "cutoff date": (r"\bcut-?off\b", "截止日"),
    "rooming list": (r"\brooming list\b", "分房名单"),
    "deposit": (r"\bdeposits?\b", "定金"),
}
# Words Chinese text no longer uses: what replaced them.
FORBIDDEN = {
    "activity alone": (
        r"(?<!销售)(?<!宴会)(?<!营销)活动",
        "say 销售活动 (a sales call), 宴会活动 (a banquet) or 营销活动 (a marketing campaign)",
    ),
    "credit item": ("贷项", "credit notes are 红冲单"),
    "down payment": ("订金", "deposits are 定金 throughout"),
    "stay extension": ("延住", "shoulder nights are 前后加住"),
    "actually used": ("实际使用", "a block's pickup is 取房"),
}


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(settings.BASE_DIR / CATALOGUE)


def translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


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


def test_each_translation_keeps_the_placeholders_and_markup_of_its_message(catalogue):
    wrong = [
        (entry.msgid, text)
        for entry in catalogue
        for text in translations(entry)
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
    ]
    assert not wrong


def test_chinese_text_takes_full_width_punctuation(catalogue):
    wrong = [
        (entry.msgid, text)
        for entry in catalogue
        if entry.msgid not in PUNCTUATION_EXCEPTIONS
        for text in translations(entry)
        if HALF_WIDTH_BESIDE_CHINESE.search(PLACEHOLDER.sub("X", text)) or "..." in text
    ]
    assert not wrong, "write ，：；（）！？“” and …… in Chinese text"


def test_chinese_text_has_no_english_words_but_those_hotels_write_in_latin_letters(catalogue):
    wrong = [
        (entry.msgid, text)
        for entry in catalogue
        for text in translations(entry)
        if set(LATIN_WORD.findall(PLACEHOLDER.sub(" ", text))) - LATIN_ALLOWED
    ]
    assert not wrong


@pytest.mark.parametrize("concept", GLOSSARY)
def test_each_concept_has_one_chinese_word(catalogue, concept):
    english, chinese = GLOSSARY[concept]
    wrong = [
        (entry.msgid, text)
        for entry in catalogue
        if re.search(english, PLACEHOLDER.sub(" ", entry.msgid), re.IGNORECASE)
        for text in translations(entry)
        if not re.search(chinese, text)
    ]
    assert not wrong, f"{concept}: say {chinese}"


@pytest.mark.parametrize("word", FORBIDDEN)
def test_chinese_text_avoids_the_words_the_glossary_replaced(catalogue, word):
    pattern, replaced_by = FORBIDDEN[word]
    wrong = [(entry.msgid, text) for entry in catalogue for text in translations(entry) if re.search(pattern, text)]
    assert not wrong, replaced_by


def test_a_persons_name_is_their_xingming(catalogue):
    names = [
        entry
        for entry in catalogue
        if entry.msgctxt == "person" or re.search(r"\b(guest|contact|person)('s)? name\b", entry.msgid, re.IGNORECASE)
    ]
    assert len(names) >= 4
    wrong = [(entry.msgid, text) for entry in names for text in translations(entry) if "姓名" not in text]
    assert not wrong, "people have 姓名; accounts, rooms and bookings have 名称"
