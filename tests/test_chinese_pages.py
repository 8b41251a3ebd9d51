"""Chinese pages take full-width punctuation where the templates put words together — 下午好，王芳 · 信用冻结：欠款超过
信用额度 · 姓名（必填）、房型 — not only inside translated messages. Every page of tests/access.py is read in Chinese
as its first role sees it: the text of each innermost block (a cell, a list item, a heading) and the words of
tooltips, placeholders and labels. What a <code> shows (a formula, an email's placeholder) is notation, not prose,
and is left out."""

import re

import lxml.html
import pytest
from django.urls import reverse

from tests.access import ACCESS
from tests.helpers import HALF_WIDTH_BESIDE_CHINESE

BLOCKS = (
    *("p", "li", "dt", "dd", "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "label", "legend"),
    *("div", "ul", "ol", "dl", "table", "tr", "thead", "tbody", "form", "fieldset", "section", "header", "nav"),
    *("button", "option", "title", "small"),
)
ATTRIBUTES = ("title", "placeholder", "aria-label", "hx-confirm", "data-confirm", "data-empty", "alt")
SHOWN = sorted(name for name, rule in ACCESS.items() if rule.method == "get" and 200 in rule.ok)
# Files (exports, templates, PDFs) and fragments that are empty until asked for something (lookups, a guest's summary
# or card or rate at reservation entry, look-alike clients).
NOT_PAGES = re.compile(r"(-export|-template|-pdf|-lookup|:guest-summary|:rate-quote|:assist-picked|:client-matches)$")
PAGES = [name for name in SHOWN if not NOT_PAGES.search(name)]


def page_texts(html: str) -> list[str]:
    document = lxml.html.fromstring(html)
    for element in document.xpath("//script | //style | //code"):
        element.drop_tree()
    innermost = [element for element in document.iter(*BLOCKS) if next(element.iterdescendants(*BLOCKS), None) is None]
    texts = [" ".join(element.text_content().split()) for element in innermost]
    return texts + [str(value) for attribute in ATTRIBUTES for value in document.xpath(f"//@{attribute}")]


@pytest.mark.parametrize("name", PAGES)
def test_chinese_pages_take_full_width_punctuation(name, client_for):
    rule = ACCESS[name]
    url = reverse(name, kwargs=rule.kwargs() if rule.kwargs else None)
    response = client_for(rule.roles[0]).get(url, rule.data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    wrong = [text for text in page_texts(response.content.decode()) if HALF_WIDTH_BESIDE_CHINESE.search(text)]
    assert not wrong, f"{name}: use hotelsales.punctuation (|label, |aside, |word_list) for the marks: {wrong}"


@pytest.mark.parametrize("name", [name for name in SHOWN if NOT_PAGES.search(name)])
def test_what_the_page_check_leaves_out_is_a_file_or_an_empty_fragment(name, client_for):
    rule = ACCESS[name]
    url = reverse(name, kwargs=rule.kwargs() if rule.kwargs else None)
    response = client_for(rule.roles[0]).get(url, rule.data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert not response["Content-Type"].startswith("text/html") or not response.content.strip()
