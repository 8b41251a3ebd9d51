"""Rooming lists: a file of guests becomes the block's reservations, all of them or none."""

import csv
import io
import threading
import time
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from clienthistory.models import Profile
from hotelsales.tabular import read_table
from reservations.models import BlockNight, GroupBlock, Inventory, Reservation, RoomType
from reservations.rooms.blocks import Cell, set_block_grid
from reservations.rooms.roominglist import COLUMNS, check_rooming_list, import_rooming_list
from reservations.rooms.stays import book_room
from tests.factories import BookingFactory, ProfileFactory, RoomTypeFactory
from tests.helpers import last_analyzed, sample_file

FIRST = date(2027, 4, 10)
NIGHTS = [FIRST + timedelta(days=n) for n in range(3)]
HEADER = "姓名,房型,到达,离开,同住,特殊要求,手机\n"
WAITING = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"


@pytest.fixture(autouse=True)
def _a_month_before_the_stay_in_english():
    moment = datetime(2027, 3, 1, 10, tzinfo=timezone.get_default_timezone())
    with time_machine.travel(moment, tick=False), translation.override("en"):
        yield


@pytest.fixture
def block():
    king = RoomTypeFactory(code="DK", name_zh="豪华大床房", name_en="Deluxe King", rooms=60)
    twin = RoomTypeFactory(code="DT", name_zh="豪华双床房", name_en="Deluxe Twin", rooms=40)
    RoomTypeFactory(code="EK", name_zh="行政大床房", name_en="Executive King", rooms=10)
    booking = BookingFactory(kind="group", name="华信科技2027年会团队", status="definite")
    block = GroupBlock.objects.create(booking=booking, rate=Decimal("650.00"), cutoff_date=date(2027, 3, 20))
    grid = {(room_type, night): Cell(count, count) for room_type, count in ((king, 20), (twin, 10)) for night in NIGHTS}
    set_block_grid(block=block, cells=grid)
    return block


def sample(name: str):
    return read_table(sample_file(name), columns=COLUMNS).rows


def listed(text: str):
    return read_table(SimpleUploadedFile("list.csv", (HEADER + text).encode()), columns=COLUMNS).rows


def block_type(code: str) -> RoomType:
    return RoomType.objects.get(code=code)


def counts(model, code: str, block=None) -> list[tuple]:
    cells = model.objects.filter(room_type__code=code, **({"block": block} if block else {})).order_by("night")
    return list(cells.values_list("blocked", "picked_up"))


@pytest.mark.django_db
def test_a_good_list_books_one_room_per_guest_and_one_per_sharing_pair(block):
    known = ProfileFactory(name="张伟", mobile="13800138001")
    contact = ProfileFactory(name="刘洋", mobile="", account=block.booking.account)
    stranger = ProfileFactory(name="陈静", mobile="")
    profiles = Profile.objects.count()

    result = import_rooming_list(block=block, rows=sample("rooming_list_ok.csv"))

    assert result.ok, result.errors
    assert (result.rows, len(result.reservations), result.sharing, result.new_profiles) == (8, 6, 2, 6)
    assert Profile.objects.count() == profiles + 6
    by_guest = {r.guest.name: r for r in Reservation.objects.select_related("guest", "sharer", "room_type")}
    assert sorted(by_guest) == ["刘洋", "张伟", "欧阳娜娜", "王芳", "赵磊", "陈静"]
    assert (by_guest["张伟"].guest, by_guest["刘洋"].guest) == (known, contact)
    assert by_guest["陈静"].guest != stranger
    assert by_guest["陈静"].guest.account == block.booking.account
    pair = by_guest["王芳"]
    assert (pair.sharer.name, pair.sharer.mobile, pair.adults, pair.rooms) == ("李娜", "13900139002", 2, 1)
    assert pair.special_requests == "无烟房；相邻房间"
    assert (pair.room_type.code, pair.arrival, pair.departure) == ("DT", FIRST, FIRST + timedelta(days=3))
    assert {(r.block_id, r.rate, r.source, r.status) for r in by_guest.values()} == {
        (block.pk, Decimal("650.00"), "group", "reserved")
    }
    # DK: 张伟 and 欧阳娜娜 all three nights, 刘洋 the first two, 陈静 the last two; DT: two rooms, then one.
    assert counts(BlockNight, "DK", block) == [(20, 3), (20, 4), (20, 3)]
    assert counts(BlockNight, "DT", block) == [(10, 2), (10, 1), (10, 1)]
    assert counts(Inventory, "DK") == [(20, 3), (20, 4), (20, 3)]
    assert set(Inventory.objects.values_list("sold", flat=True)) == {0}


@pytest.mark.django_db
def test_a_list_with_errors_names_each_bad_row_and_books_nothing(block):
    profiles = Profile.objects.count()

    result = import_rooming_list(block=block, rows=sample("rooming_list_errors.xlsx"))

    assert [(error.row, error.column) for error in result.errors] == [(3, "arrival"), (4, "room_type")]
    assert "2027-02-30" in result.errors[0].message
    assert "KING" in result.errors[1].message
    assert [(room.guest.name, room.sharer.name) for room in result.rooms if room.sharer] == [("黄磊", "林芳")]
    assert not Reservation.objects.exists()
    assert Profile.objects.count() == profiles
    assert counts(BlockNight, "DK", block) == [(20, 0)] * 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "row", "column", "message"),
    [
        (",DK,2027-04-10,2027-04-11,,,\n", 2, "name", "required"),
        ("马丽,XX,2027-04-10,2027-04-11,,,\n", 2, "room_type", "No room type has the code or name “XX”"),
        ("马丽,DK,2027-04-10,2027-04-31,,,\n", 2, "departure", "not “2027-04-31”"),
        ("马丽,DK,2027-04-11,2027-04-11,,,\n", 2, "departure", "after the arrival"),
        ("马丽,DK,2027-02-10,2027-02-11,,,\n", 2, "arrival", "in the past"),
        ("马丽,DK,2027-04-09,2027-04-11,,,\n", 2, "arrival", "The block holds"),
        ("马丽,DK,2027-04-12,2027-04-14,,,\n", 2, "departure", "The block holds"),
        ("马丽,DK,2027-04-10,9999-12-31,,,\n", 2, "departure", "The block holds"),
        ("马丽,DK,0001-01-01,2027-04-11,,,\n", 2, "arrival", "in the past"),
        ("马丽,行政大床房,2027-04-10,2027-04-11,,,\n", 2, "room_type", "The block holds no"),
        ("马丽,DK,2027-04-10,2027-04-11,,,12345abc\n", 2, "mobile", "digits"),
        ("马丽,DK,2027-04-10,2027-04-11,王五,,\n", 2, "sharer", "No guest called “王五”"),
        ("马丽,DK,2027-04-10,2027-04-11,马丽,,\n", 2, "sharer", "themselves"),
        ("马丽,DK,2027-04-10,2027-04-11,吴刚,,\n吴刚,DK,2027-04-10,2027-04-11,何花,,\n"
         "何花,DK,2027-04-10,2027-04-11,,,\n", 2, "sharer", "“吴刚” (row 3) shares with “何花”"),
        ("马丽,DK,2027-04-10,2027-04-11,吴刚,,\n何花,DK,2027-04-10,2027-04-11,吴刚,,\n"
         "吴刚,DK,2027-04-10,2027-04-11,,,\n", 3, "sharer", "already shares with “马丽” (row 2)"),
        ("马丽,DK,2027-04-10,2027-04-11,吴刚,,\n吴刚,DT,2027-04-10,2027-04-11,,,\n", 2, "sharer", "same room type"),
    ],
)  # fmt: skip
def test_each_kind_of_bad_row_is_named(block, text, row, column, message):
    result = check_rooming_list(block=block, rows=listed(text))
    assert [(error.row, error.column) for error in result.errors] == [(row, column)]
    assert message in result.errors[0].message
    assert not import_rooming_list(block=block, rows=listed(text)).ok
    assert not Reservation.objects.exists()


@pytest.mark.django_db
def test_a_long_sharer_is_quoted_by_an_excerpt_only(block):
    long = "长" * 2000
    result = check_rooming_list(
        block=block, rows=listed(f"甲,DK,2027-04-10,2027-04-11,乙,,\n乙,DK,2027-04-10,2027-04-11,{long},,\n")
    )
    assert [error.message for error in result.errors] == [
        f"“乙” (row 3) shares with “{'长' * 50}…”.",
        f"No guest called “{'长' * 50}…” is on the list.",
    ]


@pytest.mark.django_db
def test_a_name_on_thousands_of_rows_is_reported_with_a_few_of_them(block):
    result = check_rooming_list(block=block, rows=listed("张伟,DK,2027-04-10,2027-04-11,张伟,,\n" * 3000))
    assert len(result.errors) == 3000
    assert result.errors[0].message == "Rows 3, 4, 5, 6, 7, … are all called “张伟”; tell them apart before pairing."
    assert result.errors[1].message == "Rows 2, 4, 5, 6, 7, … are all called “张伟”; tell them apart before pairing."


@pytest.mark.django_db
def test_a_list_longer_than_the_rooms_left_is_refused_before_anything_is_booked(block):
    book_room(guest=ProfileFactory(), arrival=FIRST, departure=FIRST + timedelta(days=1), room_type=block_type("DT"),
              block=block)  # fmt: skip
    text = "".join(f"客人{n},DT,2027-04-10,2027-04-12,,,\n" for n in range(10))

    result = import_rooming_list(block=block, rows=listed(text))

    # Nine twins are left on the first night: the tenth guest (row 11) is the first one who does not fit.
    assert [(error.row, error.column) for error in result.errors] == [(11, "")]
    assert "has 9 Deluxe Twin left" in result.errors[0].message
    assert "needs 10" in result.errors[0].message
    assert Reservation.objects.count() == 1
    assert counts(BlockNight, "DT", block) == [(10, 1), (10, 0), (10, 0)]


@pytest.mark.django_db
def test_a_guest_without_mobile_is_not_matched_among_several_contacts_of_that_name(block):
    ProfileFactory.create_batch(2, name="刘洋", account=block.booking.account)
    result = check_rooming_list(block=block, rows=listed("刘洋,DK,2027-04-10,2027-04-11,,,\n"))
    assert [(error.row, error.column) for error in result.errors] == [(2, "mobile")]


@pytest.mark.django_db
def test_a_released_block_or_a_cancelled_booking_takes_no_names(block):
    rows = listed("马丽,DK,2027-04-10,2027-04-11,,,\n")
    GroupBlock.objects.filter(pk=block.pk).update(released_on=date(2027, 3, 21))
    with pytest.raises(ValidationError, match="released at its cutoff"):
        import_rooming_list(block=block, rows=rows)
    block.refresh_from_db()
    block.released_on = None
    block.booking.status = "cancelled"
    with pytest.raises(ValidationError, match="holds no rooms"):
        check_rooming_list(block=block, rows=rows)
    assert not Reservation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_when_a_clerk_takes_the_last_room_during_the_import_everything_rolls_back(block):
    """The check passes, then book_room finds the night full (NoRoom): the guests booked before it, and the
    profiles made for them, are rolled back with it."""
    rows = listed("周强,DK,2027-04-10,2027-04-12,,,\n吴敏,DT,2027-04-10,2027-04-11,,,\n")
    outcome = {}

    def run_import():
        try:
            with translation.override("en"):
                outcome["result"] = import_rooming_list(block=block, rows=rows)
        finally:
            connection.close()

    with transaction.atomic():
        book_room(guest=ProfileFactory(name="何花"), arrival=FIRST, departure=FIRST + timedelta(days=1),
                  room_type=block_type("DT"), rooms=10, block=block)  # fmt: skip
        importer = threading.Thread(target=run_import)
        importer.start()
        with connection.cursor() as cursor:  # wait until the import waits for this transaction's row locks
            for _ in range(200):
                cursor.execute("SELECT pg_stat_clear_snapshot()")
                cursor.execute(WAITING)
                if cursor.fetchone()[0]:
                    break
                time.sleep(0.05)
    importer.join(timeout=30)

    result = outcome["result"]
    assert [(error.row, error.column) for error in result.errors] == [(3, "")]
    assert "no Deluxe Twin room left" in result.errors[0].message
    assert list(Reservation.objects.values_list("guest__name", flat=True)) == ["何花"]
    assert not Profile.objects.filter(name__in=["周强", "吴敏"]).exists()
    assert counts(BlockNight, "DK", block) == [(20, 0)] * 3


def upload(client, block, name: str):
    file = sample_file(name)
    url = reverse("reservations:block-rooming-import", args=[block.pk])
    return client.post(url, {"file": file}, HTTP_ACCEPT_LANGUAGE="en")


def confirm(client, block, token: str):
    url = reverse("reservations:block-rooming-import-confirm", args=[block.pk])
    return client.post(url, {"token": token}, HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.django_db
def test_the_front_desk_previews_then_confirms_a_list_and_the_block_shows_the_pickup(block, client_for):
    client = client_for("front_desk")
    preview = upload(client, block, "rooming_list_ok.csv")
    assert preview.status_code == 200
    assert "8 guests are ready to import into 6 rooms (2 shared)" in preview.content.decode()
    assert len(preview.context["rows"]) == 8
    assert not Reservation.objects.exists()

    response = confirm(client, block, preview.context["token"])

    assert response["Location"] == block.get_absolute_url()
    assert Reservation.objects.count() == 6
    page = client.get(block.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    # 10 of 60 king room-nights and 4 of 30 twin room-nights: 14 of 90 contracted, 15.6 %.
    assert page.context["pickup_percent"] == Decimal("15.6")
    assert reverse("reservations:block-rooming-import", args=[block.pk]) in page.content.decode()
    assert confirm(client, block, preview.context["token"]).status_code == 400
    assert Reservation.objects.count() == 6


@pytest.mark.django_db
def test_a_rejected_file_shows_the_report_and_imports_nothing(block, client_for):
    response = upload(client_for("sales"), block, "rooming_list_errors.xlsx")
    assert response.status_code == 400
    assert [(row, column) for row, column, _message in response.context["errors"]] == [
        (3, "Arrival"),
        (4, "Room type"),
    ]
    assert response.context["token"] == ""
    assert "nothing was imported" in response.content.decode()
    assert not Reservation.objects.exists()


@pytest.mark.django_db
def test_the_confirmation_checks_the_list_again(block, client_for):
    client = client_for("sales")
    token = upload(client, block, "rooming_list_ok.csv").context["token"]
    set_block_grid(block=block, cells={(block_type("DT"), FIRST): Cell(10, 1)})

    response = confirm(client, block, token)

    assert response.status_code == 400
    assert [(row, column) for row, column, _message in response.context["errors"]] == [(7, "")]
    assert not Reservation.objects.exists()


@pytest.mark.django_db
def test_a_released_block_offers_no_upload(block, client_for):
    GroupBlock.objects.filter(pk=block.pk).update(released_on=date(2027, 3, 21))
    client = client_for("sales")
    page = client.get(reverse("reservations:block-rooming-import", args=[block.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "takes no new names" in page.content.decode()
    assert 'type="file"' not in page.content.decode()
    assert upload(client, block, "rooming_list_ok.csv").status_code == 400
    assert not Reservation.objects.exists()


@pytest.mark.django_db
def test_the_rooming_list_exports_as_csv_and_xlsx(block, client_for):
    import_rooming_list(block=block, rows=sample("rooming_list_ok.csv"))
    client = client_for("receivables")
    url = reverse("reservations:block-rooming-export", args=[block.pk])

    content = b"".join(client.get(url + "?format=csv", HTTP_ACCEPT_LANGUAGE="en").streaming_content)
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    xlsx = client.get(url + "?format=xlsx", HTTP_ACCEPT_LANGUAGE="en")
    sheet = [list(row) for row in load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active.values]

    assert lines[0] == sheet[0] == ["Confirmation number", "Guest", "Sharing with", "Room type", "Arrival",
                                    "Departure", "Nights", "Status", "Special requests"]  # fmt: skip
    pair = Reservation.objects.get(guest__name="王芳")
    assert [pair.confirmation, "王芳", "李娜", "Deluxe Twin", "2027-04-10", "2027-04-13", "3", "Reserved",
            "无烟房；相邻房间"] in lines  # fmt: skip
    assert [pair.confirmation, "王芳", "李娜", "Deluxe Twin", datetime(2027, 4, 10), datetime(2027, 4, 13), 3,
            "Reserved", "无烟房；相邻房间"] in sheet  # fmt: skip
    assert len(lines) == len(sheet) == 7
    assert [row[0] for row in sheet] == [row[0] for row in lines]


@pytest.mark.django_db
def test_a_large_list_leaves_the_reservations_analysed(block, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr("hotelsales.db.ANALYZE_AFTER_ROWS", 2)
    before = last_analyzed(Reservation)
    with django_capture_on_commit_callbacks(execute=True):
        assert import_rooming_list(block=block, rows=sample("rooming_list_ok.csv")).ok

    assert last_analyzed(Reservation) not in (None, before)
    assert last_analyzed(Profile) is not None
