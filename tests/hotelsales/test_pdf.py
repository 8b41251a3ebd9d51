"""The shared PDF helper reads stylesheets from the static files on disk and fetches nothing over the network."""

import io
import logging

from django.conf import settings
from pypdf import PdfReader

from hotelsales.pdf import html_to_pdf, static_file

SITE = f"{settings.SITE_URL}/"


def test_a_static_address_of_the_site_is_a_file_on_disk():
    assert static_file(f"{SITE}static/css/print.css") == settings.BASE_DIR / "static" / "css" / "print.css"


def test_other_addresses_are_no_static_files():
    assert static_file("https://cdn.example.com/static/css/print.css") is None
    assert static_file(f"{SITE}static/../hotelsales/settings.py") is None
    assert static_file(f"{SITE}static/css/missing.css") is None
    assert static_file(f"{SITE}media/upload.css") is None


def test_the_pdf_takes_its_stylesheet_from_disk_and_refuses_other_addresses(caplog):
    html = (
        '<html><head><link rel="stylesheet" href="/static/css/print.css"></head>'
        '<body><p>宴会通知单</p><img src="https://cdn.example.com/logo.png"></body></html>'
    )
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = html_to_pdf(html)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "宴会通知单" in text
    assert "1 / 1" in text  # the page numbers of print.css
    assert "not a static file of this site: https://cdn.example.com/logo.png" in caplog.text
