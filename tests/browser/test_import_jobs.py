import pytest
from playwright.sync_api import expect

from clienthistory.models import Profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GUESTS = "姓名,手机\n" + "".join(f"宾客{n},1390000{n:04d}\n" for n in range(5))


def test_a_long_file_is_checked_and_imported_while_its_page_follows(celery_queue, cast, page, sign_in, settings,
                                                                    tmp_path):  # fmt: skip
    settings.IMPORT_INLINE_ROWS = 2
    upload = tmp_path / "guests.csv"
    upload.write_text(GUESTS, encoding="utf-8")
    sign_in("sales-user")
    page.goto("/clients/profiles/import/")
    page.set_input_files("input[type=file]", upload)
    page.get_by_role("button", name="检查文件").click()

    page.wait_for_url("**/clients/imports/*/")
    expect(page.get_by_test_id("import-ready")).to_contain_text("5 行", timeout=20_000)
    page.get_by_test_id("import-ready").get_by_role("button").click()
    expect(page.get_by_test_id("import-done")).to_contain_text("5", timeout=20_000)
    assert Profile.objects.count() == 5
