"""A printed BEO version of a definite booking is printed to PDF once per language and served from then on."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation
from weasyprint import HTML

from reservations.functionspace.beo import beo_events, record_print
from reservations.functionspace.events import save_event
from reservations.models import BeoPdf, Booking
from reservations.sales import beo_pdfs
from tests.factories import BookingFactory, PreferenceFactory, ProfileFactory, UserFactory, make_event
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """How many times WeasyPrint printed a PDF (a counter around the real printing)."""
    count = [0]
    write_pdf = HTML.write_pdf

    def counted(self, *args, **kwargs):
        count[0] += 1
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", counted)
    return count


@pytest.fixture
def event():
    booking = BookingFactory(name="王李婚宴", status="definite", contact=ProfileFactory(name="王丽"))
    return make_event(booking, title="婚宴", menu="龙虾刺身")


def beo_pdf(client, event, language="zh-hans"):
    return client.get(reverse("reservations:event-beo-pdf", args=[event.pk]), HTTP_ACCEPT_LANGUAGE=language)


def test_a_printed_version_is_printed_once_and_served_from_then_on(event, renders, client_for):
    first = beo_pdf(client_for("sales"), event)
    again = beo_pdf(client_for("front_desk"), event)

    assert renders[0] == 1
    assert again.content == first.content
    assert again["Content-Disposition"] == f'inline; filename="BEO-{event.pk}-v1.pdf"'
    assert "龙虾刺身" in pdf_text(again)
    assert BeoPdf.objects.get(event=event).version == "1"


def test_a_new_version_is_printed_anew_and_the_older_pdf_dropped(event, renders, client_for):
    client = client_for("sales")
    beo_pdf(client, event, "en")
    changed = beo_events().get(pk=event.pk)
    changed.menu = "清蒸石斑鱼"
    save_event(event=changed)

    text = pdf_text(beo_pdf(client, event, "en"))

    assert renders[0] == 2
    assert "清蒸石斑鱼" in text
    assert "Version 2" in text
    assert list(BeoPdf.objects.filter(event=event).values_list("version", flat=True)) == ["2"]


def test_a_new_allergy_on_the_profile_is_never_served_from_the_older_pdf(event, renders, client_for):
    client = client_for("sales")
    beo_pdf(client, event)
    PreferenceFactory(profile=event.booking.contact, category="allergy", text="海鲜过敏")

    assert "海鲜过敏" in pdf_text(beo_pdf(client, event))
    assert renders[0] == 2


def test_each_language_has_its_own_pdf(event, renders, client_for):
    client = client_for("sales")
    english = pdf_text(beo_pdf(client, event, "en"))
    chinese = pdf_text(beo_pdf(client, event, "zh-hans"))
    beo_pdf(client, event, "en")

    assert "Banquet event order" in english
    assert "宴会通知单" in chinese
    assert "Banquet event order" not in chinese
    assert renders[0] == 2
    assert sorted(BeoPdf.objects.filter(event=event).values_list("language", flat=True)) == ["en", "zh-hans"]


def test_a_sheet_before_definite_is_printed_at_each_opening(renders, client_for):
    event = make_event(BookingFactory(status="tentative"))
    client = client_for("sales")
    beo_pdf(client, event)
    beo_pdf(client, event)

    assert renders[0] == 2
    assert not BeoPdf.objects.exists()


def test_the_bookings_pdf_is_kept_until_one_of_its_events_changes(event, renders, client_for):
    second = make_event(event.booking, title="答谢午宴", start=event.start + timedelta(days=1), menu="素斋")
    client = client_for("sales")
    url = reverse("reservations:booking-beo-pdf", args=[event.booking.pk])
    client.get(url)
    client.get(url)
    assert renders[0] == 1

    second = beo_events().get(pk=second.pk)
    second.menu = "罗汉斋"
    save_event(event=second)

    assert "罗汉斋" in pdf_text(client.get(url))
    assert renders[0] == 2
    assert BeoPdf.objects.filter(booking=event.booking, event=None).count() == 1


@pytest.mark.parametrize("events", [1, 5])
def test_a_kept_pdf_is_served_in_a_few_queries(events, event, client_for, django_assert_max_num_queries):
    for day in range(1, events):
        make_event(event.booking, start=event.start + timedelta(days=day))
    client = client_for("sales")
    beo_pdf(client, event)
    with django_assert_max_num_queries(10):
        beo_pdf(client, event)


@pytest.mark.django_db(transaction=True)
def test_two_printings_of_one_version_at_once_keep_one_pdf(monkeypatch):
    # Printed before definite, so that no worker of the session makes the PDF while the two printings race.
    event = make_event(BookingFactory(status="tentative"))
    printed = record_print(event=event, by=UserFactory())
    Booking.objects.filter(pk=event.booking_id).update(status="definite")
    both_printing = threading.Barrier(2, timeout=30)
    write_pdf = HTML.write_pdf

    def in_step(self, *args, **kwargs):
        both_printing.wait()  # neither has kept its PDF yet when the other looks for one
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", in_step)
    pdfs = []

    def open_pdf():
        try:
            with translation.override("en"):
                pdfs.append(beo_pdfs.event_pdf(beo_events().get(pk=event.pk), printed=printed))
        finally:
            connection.close()

    threads = [threading.Thread(target=open_pdf) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(pdfs) == 2
    assert pdfs[0] == pdfs[1]
    assert BeoPdf.objects.filter(event=event).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_worker_prints_the_pdfs_after_the_print_commits(celery_queue):
    event = make_event(BookingFactory(status="definite"))

    record_print(event=event, by=UserFactory())

    deadline = time.monotonic() + 90
    while BeoPdf.objects.count() < 4 and time.monotonic() < deadline:
        time.sleep(0.5)
    kept = set(BeoPdf.objects.values_list("event_id", "language"))
    assert kept == {(event.pk, "en"), (event.pk, "zh-hans"), (None, "en"), (None, "zh-hans")}
    assert beo_pdfs.store_beo_pdfs(event_id=event.pk) == 0
