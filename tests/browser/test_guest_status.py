from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from reservations.rooms.stays import book_room
from tests.factories import ProfileFactory, RoomTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_opens_the_report_for_a_date_and_downloads_csv_and_pdf(cast, page, sign_in, tmp_path):
    day = timezone.localdate() + timedelta(days=3)
    book_room(guest=ProfileFactory(name="欧阳明月"), arrival=day, departure=day + timedelta(days=2),
              room_type=RoomTypeFactory(code="DK", rooms=20))  # fmt: skip
    sign_in("manager-user")

    page.goto("/sales/guest-status/")
    page.fill("input[name=date]", str(day))
    page.dispatch_event("input[name=date]", "change")
    page.wait_for_url(f"**date={day}")
    expect(page.get_by_test_id("report-kpis")).to_contain_text("5.0 %")

    with page.expect_download() as csv_download:
        page.get_by_test_id("download-csv").click()
    csv_path = tmp_path / "report.csv"
    csv_download.value.save_as(csv_path)
    assert "欧阳明月" in csv_path.read_text(encoding="utf-8-sig")

    with page.expect_download() as pdf_download:
        page.get_by_test_id("download-pdf").click()
    pdf_path = tmp_path / "report.pdf"
    pdf_download.value.save_as(pdf_path)
    reader = PdfReader(pdf_path)
    assert len(reader.pages) <= 2
    assert "5.0 %" in "".join(p.extract_text() for p in reader.pages)

    page.get_by_test_id("full-report").click()
    page.wait_for_url(f"**/full/?date={day}")
    expect(page.get_by_test_id("report-arrivals")).to_contain_text("欧阳明月")
