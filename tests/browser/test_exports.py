import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.factories import ProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_long_excel_list_appears_under_my_exports_and_downloads(celery_queue, cast, page, sign_in, settings):
    settings.EXPORT_INLINE_ROWS = 2
    for name in ("王芳", "王磊", "王小明", "李雷"):
        ProfileFactory(name=name)
    sign_in("sales-user")
    page.goto("/clients/profiles/?q=王")
    page.get_by_test_id("export-xlsx").click()

    page.wait_for_url("**/exports/")
    expect(page.locator(".alert")).to_contain_text("3 行")
    link = page.get_by_test_id("export-download")
    expect(link).to_be_visible(timeout=20_000)  # the page refreshes itself until the worker is done
    with page.expect_download() as download:
        link.click()
    rows = list(load_workbook(io.BytesIO(download.value.path().read_bytes())).active.iter_rows(values_only=True))
    assert [row[0] for row in rows] == ["姓名", "王芳", "王磊", "王小明"]
