from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clienthistory.imports import (
    ACCOUNT_COLUMNS,
    PROFILE_COLUMNS,
    RowError,
    check_accounts,
    check_profiles,
    import_accounts,
    import_profiles,
)
from clienthistory.models import Account, Preference, Profile
from hotelsales.tabular import Row, read_table
from tests.factories import AccountFactory, VipLevelFactory
from tests.helpers import last_analyzed, sample_file

pytestmark = pytest.mark.django_db


def _rows(name: str, columns) -> list[Row]:
    return read_table(sample_file(name), columns=columns).rows


def _csv(text: str) -> list[Row]:
    return read_table(SimpleUploadedFile("p.csv", text.encode()), columns=PROFILE_COLUMNS).rows


def test_one_bad_row_in_fifty_imports_nothing_and_names_its_row_and_column(cast):
    AccountFactory(name="华东国际旅行社")
    VipLevelFactory(code="VIP1", rank=1)
    rows = _rows("profiles_50_row37_bad_birthday.csv", PROFILE_COLUMNS)

    result = import_profiles(rows=rows, by=cast["sales"])

    assert (result.rows, result.created) == (50, 0)
    assert [(error.row, error.column) for error in result.errors] == [(37, "birthday")]
    assert "2026-02-30" in result.errors[0].message
    assert not Profile.objects.exists()
    assert not Preference.objects.exists()


def test_the_good_rows_of_that_file_import_with_their_links_and_preferences(cast):
    agency = AccountFactory(name="华东国际旅行社")
    vip1 = VipLevelFactory(code="VIP1", rank=1)
    rows = [row for row in _rows("profiles_50_row37_bad_birthday.csv", PROFILE_COLUMNS) if row.number != 37]

    result = import_profiles(rows=rows, by=cast["sales"])

    assert (result.errors, result.created) == ([], 49)
    wang = Profile.objects.get(mobile="13900000000")
    assert (wang.name, wang.account, wang.vip_level, wang.birthday) == ("王伟", agency, vip1, date(1970, 1, 1))
    assert wang.marketing_consent is False
    assert set(wang.preferences.values_list("category", "text")) == {
        ("allergy", "花生"), ("allergy", "芒果"), ("dietary", "素食"), ("room", "高楼层"),
    }  # fmt: skip
    assert Profile.objects.get(mobile="13900000001").marketing_consent is True
    assert result.preferences == Preference.objects.count()
    assert wang.history.get().history_user == cast["sales"]


def test_an_unknown_account_name_is_a_row_error():
    result = check_profiles(rows=_csv("姓名,单位\n张三,不存在的公司\n"))
    assert [(error.row, error.column) for error in result.errors] == [(2, "account")]
    assert "不存在的公司" in result.errors[0].message


def test_a_long_name_is_quoted_by_an_excerpt_only():
    AccountFactory(name="长" * 200)
    rows = read_table(SimpleUploadedFile("a.csv", f"名称\n{'长' * 200}\n".encode()), columns=ACCOUNT_COLUMNS).rows
    assert [error.message for error in check_accounts(rows=rows).errors] == [
        f"An account called “{'长' * 50}…” already exists."
    ]
    result = check_profiles(rows=_csv(f"姓名,单位\n张三,{'长' * 2000}\n"))
    assert [error.message for error in result.errors] == [
        f"No account is called “{'长' * 50}…”. Import the account first, or correct the name."
    ]


def test_an_account_name_shared_by_two_accounts_is_a_row_error():
    AccountFactory(name="同名公司")
    AccountFactory(name="同名公司")
    assert [error.column for error in check_profiles(rows=_csv("姓名,单位\n张三,同名公司\n")).errors] == ["account"]


def test_the_same_mobile_twice_in_the_file_is_an_error_on_the_second_row():
    result = check_profiles(rows=_csv("姓名,手机\n张三,13800138000\n李四,138-0013-8000\n王五,13900139000\n"))
    assert result.errors == [RowError(3, "mobile", "The same mobile as row 2.")]


def test_it_reports_every_bad_cell_of_every_row():
    VipLevelFactory(code="VIP1", rank=1)
    rows = _csv(
        "姓名,手机,邮箱,生日,VIP等级,同意营销,语言\n"
        ",12345abc,not-an-email,2026/1/5,vip1,是,中文\n"
        "李四,13800138000,,1990-13-01,VIP9,也许,火星文\n"
    )
    result = check_profiles(rows=rows)
    assert sorted((error.row, error.column) for error in result.errors) == [
        (2, "email"), (2, "mobile"), (2, "name"),
        (3, "birthday"), (3, "language"), (3, "marketing_consent"), (3, "vip_level"),
    ]  # fmt: skip


def test_dates_and_yes_no_are_read_in_the_ways_people_write_them():
    rows = _csv("姓名,生日,纪念日,同意营销\n甲,2026/1/5,2010年10月1日,yes\n乙,1990.2.3,,0\n")
    result = import_profiles(rows=rows)
    assert result.ok
    first, second = Profile.objects.order_by("id")
    assert (first.birthday, first.anniversary, first.marketing_consent) == (date(2026, 1, 5), date(2010, 10, 1), True)
    assert (second.birthday, second.marketing_consent) == (date(1990, 2, 3), False)


def test_several_preferences_in_one_cell_are_split_on_either_semicolon():
    import_profiles(rows=_csv("姓名,过敏,房间偏好\n甲,花生;  海鲜 ；,无烟房\n"))
    assert set(Preference.objects.values_list("category", "text")) == {
        ("allergy", "花生"), ("allergy", "海鲜"), ("room", "无烟房"),
    }  # fmt: skip


def test_a_good_xlsx_of_accounts_imports_every_account(cast):
    result = import_accounts(rows=_rows("accounts_good.xlsx", ACCOUNT_COLUMNS), by=cast["manager"])

    assert (result.errors, result.created) == ([], 6)
    agency = Account.objects.get(name="北京华夏国际旅行社有限公司")
    assert (agency.kind, agency.segment, agency.status) == ("travel_agency", "travel_agency", "active")
    assert (agency.owner, agency.payment_terms_days, agency.letter_language) == (cast["sales"], 45, "zh-hans")
    assert agency.credit_limit == Decimal("0")
    wedding = Account.objects.get(name="张伟与李娜婚宴")
    assert (wedding.kind, wedding.segment, wedding.status, wedding.owner) == ("private", "wedding", "prospect", None)
    english = Account.objects.get(name="杭州西湖文化交流协会")
    assert (english.kind, english.segment, english.letter_language) == ("association", "social", "en")
    assert english.payment_terms_days == 30  # an empty cell takes the default
    assert agency.history.get().history_user == cast["manager"]


def test_account_rows_are_checked_like_the_account_form(cast):
    AccountFactory(name="已有公司")
    rows = read_table(
        SimpleUploadedFile(
            "a.csv",
            "名称,类型,负责人,账期\n已有公司,公司,,30\n新公司,飞船,nobody,-5\n新公司,公司,front_desk-user,30\n".encode(),
        ),
        columns=ACCOUNT_COLUMNS,
    ).rows
    result = import_accounts(rows=rows)
    assert [(error.row, error.column) for error in result.errors] == [
        (2, "name"), (3, "kind"), (3, "owner"), (3, "payment_terms_days"), (4, "owner"),
    ]  # fmt: skip
    assert Account.objects.count() == 1


def test_the_same_account_name_twice_in_the_file_is_an_error():
    rows = read_table(SimpleUploadedFile("a.csv", "名称\n甲公司\n甲公司\n".encode()), columns=ACCOUNT_COLUMNS).rows
    assert [(error.row, error.column) for error in import_accounts(rows=rows).errors] == [(3, "name")]


def test_a_large_import_leaves_the_tables_it_wrote_analysed(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr("hotelsales.db.ANALYZE_AFTER_ROWS", 2)
    before = last_analyzed(Preference)
    with django_capture_on_commit_callbacks(execute=True):
        assert import_profiles(rows=_csv("姓名,过敏\n甲,花生\n乙,海鲜\n")).ok

    assert last_analyzed(Preference) not in (None, before)
    assert last_analyzed(Profile) is not None
    assert last_analyzed(Profile.history.model) is not None
