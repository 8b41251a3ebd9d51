"""Printing HTML to PDF with WeasyPrint: the one helper that documents, letters and reports share.

Stylesheets and images are read from the static files on disk, never fetched over the network: the hotel's
LAN may have no internet, and a PDF must not depend on the web server answering itself. WeasyPrint is
imported only when a PDF is made, since loading it takes a second that most requests do not need.
"""

import mimetypes
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header


def base_url() -> str:
    """What relative links in a printed page resolve against: the address staff reach the app at."""
    return f"{settings.SITE_URL}/"


def static_file(url: str) -> Path | None:
    """The file on disk behind an address of this site's static files, or None for any other address."""
    static = urlsplit(urljoin(base_url(), settings.STATIC_URL))
    wanted = urlsplit(url)
    if (wanted.scheme, wanted.netloc) != (static.scheme, static.netloc) or not wanted.path.startswith(static.path):
        return None
    name = unquote(wanted.path.removeprefix(static.path))
    try:
        # The source files first; hashed names (css/print.1a2b3c.css) exist only among the collected files.
        found = finders.find(name) or staticfiles_storage.path(name)
    except (SuspiciousFileOperation, NotImplementedError):
        return None
    path = Path(found)
    return path if path.is_file() else None


@cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        """Serves static files from disk and data: URLs; refuses every other address."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = static_file(url)
            if path is None:
                raise ValueError(f"not a static file of this site: {url}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    return StaticFilesFetcher


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url(), url_fetcher=_fetcher_class()()).write_pdf()


def pdf_file_response(pdf: bytes, *, filename: str, download: bool = False) -> HttpResponse:
    """A PDF shown in the browser (or downloaded, with `download`) under `filename`."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=download, filename=filename)
    return response


def html_pdf_response(html: str, *, filename: str, download: bool = False) -> HttpResponse:
    """The HTML printed to PDF, shown in the browser (or downloaded, with `download`) under `filename`."""
    return pdf_file_response(html_to_pdf(html), filename=filename, download=download)


def pdf_response(request, template_name: str, context: dict, *, filename: str, download: bool = False) -> HttpResponse:
    """A template rendered for the request (in the active language) and printed to PDF."""
    html = render_to_string(template_name, context, request=request)
    return html_pdf_response(html, filename=filename, download=download)
