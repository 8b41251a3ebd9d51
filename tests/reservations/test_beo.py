"""The BEO: prints per version, changes marked against the last print, guest needs from the profiles, the PDF."""

import io
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from reservations.functionspace.beo import beo_events, beo_snapshot, changes_since_last_print, record_print
from reservations.functionspace.events import save_event
from reservations.models import BeoPrint, Event, Resource
from tests.factories import BookingFactory, PreferenceFactory, ProfileFactory, UserFactory, make_event
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest():
    profile = ProfileFactory(name="王丽", mobile="13900000001")
    PreferenceFactory(profile=profile, category="allergy", text="花生过敏")
    PreferenceFactory(profile=profile, category="dietary", text="不吃牛肉")
    PreferenceFactory(profile=profile, category="room", text="高楼层")
    return profile


@pytest.fixture
def event(guest):
    booking = BookingFactory(name="王李婚宴", contact=guest, status="definite")
    return make_event(booking, title="婚宴", menu="龙虾刺身\n北京烤鸭", kitchen_notes="主桌先上")


def changed(event: Event, **fields) -> Event:
    event = beo_events().get(pk=event.pk)
    for name, value in fields.items():
        setattr(event, name, value)
    save_event(event=event)
    return beo_events().get(pk=event.pk)


def test_the_snapshot_pulls_allergies_and_diets_from_the_contacts_profile(event):
    snapshot = beo_snapshot(beo_events().get(pk=event.pk))
    assert snapshot["menu"] == "龙虾刺身\n北京烤鸭"
    assert snapshot["allergies"] == "王丽：花生过敏"
    assert snapshot["dietary"] == "王丽：不吃牛肉"
    assert "高楼层" not in "".join(snapshot.values())
    assert snapshot["contact"] == "王丽 13900000001"
    assert all(isinstance(text, str) for text in snapshot.values())


def test_a_menu_changed_after_the_print_is_marked_on_the_next_version(event, cast, client_for):
    record_print(event=event, by=cast["sales"])
    assert changes_since_last_print(event) == set()

    event = changed(event, menu="清蒸石斑鱼\n北京烤鸭")

    assert event.beo_version == 2
    assert changes_since_last_print(event) == {"menu"}
    url = reverse("reservations:event-beo", args=[event.pk])
    page = client_for("front_desk").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="field-menu changed"' in page
    assert 'class="field-room"' in page
    assert 'class="field-kitchen_notes"' in page
    assert "changed since version 1" in page


def test_a_new_allergy_on_the_profile_makes_the_next_version_and_is_marked(event, guest, cast, client_for):
    record_print(event=beo_events().get(pk=event.pk), by=cast["sales"])
    PreferenceFactory(profile=guest, category="allergy", text="海鲜过敏")

    page = client_for("sales").get(reverse("reservations:event-beo", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="en")

    event.refresh_from_db()
    assert event.beo_version == 2
    assert 'class="field-allergies changed"' in page.content.decode()
    assert 'class="field-menu"' in page.content.decode()


def test_a_sheet_never_printed_marks_nothing(event):
    event = changed(event, menu="清蒸石斑鱼")
    assert event.beo_version == 2
    assert changes_since_last_print(event) == set()


def test_recording_a_print_twice_keeps_the_first(event, cast):
    first = record_print(event=event, by=cast["sales"])
    second = record_print(event=event, by=cast["manager"])
    assert second.pk == first.pk
    assert (second.version, second.printed_by) == (1, cast["sales"])
    assert BeoPrint.objects.filter(event=event).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_people_printing_at_once_record_one_print():
    event = make_event(BookingFactory(status="definite"))
    printers = [UserFactory(), UserFactory()]
    start = threading.Barrier(len(printers))
    prints = []

    def print_sheet(user):
        try:
            start.wait()
            prints.append(record_print(event=beo_events().get(pk=event.pk), by=user))
        finally:
            connection.close()

    threads = [threading.Thread(target=print_sheet, args=(user,)) for user in printers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({p.pk for p in prints}) == 1
    assert BeoPrint.objects.filter(event=event).count() == 1


def test_the_pdf_prints_the_chinese_menu_and_the_guests_allergy_and_records_the_print(event, client_for):
    event = changed(event, menu="清蒸石斑鱼")
    response = client_for("front_desk").get(reverse("reservations:event-beo-pdf", args=[event.pk]))
    text = pdf_text(response)
    assert "清蒸石斑鱼" in text
    assert "花生过敏" in text
    assert "王李婚宴" in text
    assert BeoPrint.objects.get(event=event).version == 2


def test_the_pdf_marks_what_changed_since_the_last_print(event, client_for):
    client = client_for("sales")
    client.get(reverse("reservations:event-beo-pdf", args=[event.pk]))
    event = changed(event, menu="清蒸石斑鱼")
    text = pdf_text(client.get(reverse("reservations:event-beo-pdf", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="en"))
    assert "Version 2" in text
    assert "changed since version 1" in text


def test_the_page_shows_the_guests_needs_and_the_print_button_records_a_print(event, client_for):
    client = client_for("front_desk")
    page = client.get(reverse("reservations:event-beo", args=[event.pk])).content.decode()
    assert "不吃牛肉" in page
    assert "花生过敏" in page
    assert not BeoPrint.objects.exists()

    response = client.post(reverse("reservations:event-beo-print", args=[event.pk]))
    assert response["Location"] == reverse("reservations:event-beo", args=[event.pk]) + "?print=1"
    assert BeoPrint.objects.get(event=event).version == 1
    assert "data-print-on-load" in client.get(response["Location"]).content.decode()


def test_the_booking_page_links_each_events_beo(event, client_for):
    page = client_for("receivables").get(event.booking.get_absolute_url()).content.decode()
    assert reverse("reservations:event-beo", args=[event.pk]) in page
    assert reverse("reservations:event-beo-pdf", args=[event.pk]) in page


@pytest.mark.parametrize("lines", [1, 10])
def test_the_sheet_keeps_its_query_count(lines, client_for, django_assert_max_num_queries):
    guest = ProfileFactory()
    for number in range(lines):
        PreferenceFactory(profile=guest, category="allergy" if number % 2 else "dietary", text=f"忌口{number}")
    kit = {Resource.objects.create(name_zh=f"设备{n}", name_en=f"Kit {n}", quantity=5): 2 for n in range(lines)}
    event = make_event(BookingFactory(contact=guest), resources=kit)
    client = client_for("sales")
    with django_assert_max_num_queries(7):
        client.get(reverse("reservations:event-beo", args=[event.pk]))
    with django_assert_max_num_queries(11):
        client.get(reverse("reservations:event-beo-pdf", args=[event.pk]))


def test_all_beos_of_a_booking_print_on_one_pdf_a_page_each(event, client_for):
    second = make_event(event.booking, title="答谢午宴", start=event.start + timedelta(days=1), menu="素斋")
    response = client_for("sales").get(reverse("reservations:booking-beo-pdf", args=[event.booking.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "龙虾刺身" in text
    assert "素斋" in text
    assert len(reader.pages) >= 2
    assert BeoPrint.objects.filter(event__in=[event, second]).count() == 2
