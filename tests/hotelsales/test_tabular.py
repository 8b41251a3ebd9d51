import csv
import io
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from hotelsales.tabular import MB, Column, TableError, export_response, read_table, write_workbook
from tests.helpers import DATA, sample_file, zip_bomb

COLUMNS = (
    Column("name", "name", ("姓名",), required=True),
    Column("mobile", "mobile", ("手机",)),
    Column("birthday", "birthday", ("生日",)),
    Column("anniversary", "anniversary", ("纪念日",)),
)


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _xlsx(*rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_it_reads_utf8_csv_with_a_bom_and_numbers_the_rows_as_the_file_does():
    table = read_table(sample_file("profiles_50_row37_bad_birthday.csv"), columns=COLUMNS)
    assert len(table.rows) == 50
    assert table.rows[0].number == 2
    assert table.rows[0].values == {"name": "王伟", "mobile": "13900000000", "birthday": "1970/1/1"}
    assert table.headers == {"name": "姓名", "mobile": "手机", "birthday": "生日"}
    assert "单位" in table.ignored


def test_it_falls_back_to_gb18030_as_chinese_excel_saves_csv():
    content = (DATA / "profiles_gb18030.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    table = read_table(_upload("客史.csv", content), columns=COLUMNS)
    assert [row.values["name"] for row in table.rows] == ["欧阳娜娜", "司马懿", "諸葛亮"]


def test_a_mobile_stored_as_a_number_in_excel_keeps_its_digits():
    table = read_table(sample_file("profiles_mobile_as_number.xlsx"), columns=COLUMNS)
    assert [row.values["mobile"] for row in table.rows] == ["13800138000", "13900139000"]
    assert table.rows[0].values["birthday"] == "1979-11-03"
    assert table.rows[1].values["anniversary"] == "2015-05-20"


def test_headers_match_whatever_their_case_spacing_or_required_mark():
    content = "  NAME * ,Mobile\n张三,138 0013 8000 \n".encode()
    table = read_table(_upload("a.csv", content), columns=COLUMNS)
    assert table.rows[0].values == {"name": "张三", "mobile": "138 0013 8000"}


def test_it_skips_empty_rows_but_keeps_the_row_numbers():
    content = _xlsx(["姓名"], ["甲"], [None], ["  "], ["乙"])
    table = read_table(_upload("a.xlsx", content), columns=COLUMNS)
    assert [(row.number, row.values["name"]) for row in table.rows] == [(2, "甲"), (5, "乙")]


def test_excel_unicode_text_is_read_too():
    content = "姓名\t手机\n张三\t13800138000\n".encode("utf-16")
    assert read_table(_upload("a.txt", content), columns=COLUMNS).rows[0].values["name"] == "张三"


def test_semicolon_separated_csv_is_read_too():
    table = read_table(_upload("a.csv", "姓名;手机\n张三;13800138000\n".encode()), columns=COLUMNS)
    assert table.rows[0].values == {"name": "张三", "mobile": "13800138000"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "empty"),
        ("empty.xlsx", b"", "empty"),
        ("blank.xlsx", _xlsx([None], [None]), "empty"),
        ("header-only.csv", "姓名,手机\n".encode(), "no rows"),
        ("no-name.csv", "手机,生日\n13800138000,1990-01-01\n".encode(), "missing: name"),
        ("twice.csv", "姓名,name\n张三,张三\n".encode(), "appears twice"),
        ("photo.png", b"\x89PNG\r\n", "CSV or Excel"),
        ("old.xls", b"\xd0\xcf\x11\xe0", ".xls"),
        ("text.xlsx", "姓名\n张三\n".encode(), "name ends in .xlsx, but it is not an Excel workbook"),
        ("broken.xlsx", b"PK\x05\x06" + bytes(18), "could not be read"),
        ("binary.csv", b"\x00\x01\x02\xff\xfe\x00", "could not be read"),
    ],
)
def test_it_refuses_files_it_cannot_use_with_a_clear_message(name, content, message):
    with pytest.raises(TableError) as refused:
        read_table(_upload(name, content), columns=COLUMNS)
    assert message in refused.value.messages[0]


def _damaged(part: str, change: Callable[[bytes], bytes]) -> bytes:
    """A good workbook with one part changed, packed again (so that the zip itself is sound)."""
    good = zipfile.ZipFile(io.BytesIO(_xlsx(["姓名"], ["张三"])))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in good.infolist():
            content = good.read(entry)
            archive.writestr(entry.filename, change(content) if entry.filename == part else content)
    return output.getvalue()


def _bad_deflate() -> bytes:
    """A workbook whose sheet's compressed data is damaged, though its directory is sound."""
    packed = bytearray(_xlsx(["姓名"], ["张三"]))
    sheet = zipfile.ZipFile(io.BytesIO(bytes(packed))).getinfo("xl/worksheets/sheet1.xml")
    start = sheet.header_offset + 30 + len(sheet.filename) + len(sheet.extra)  # past the entry's local header
    packed[start : start + 4] = b"\xff" * 4
    return bytes(packed)


# A billion laughs: eight levels of ten, 10^8 times a hundred letters, from a few hundred bytes, in a third row.
LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY a0 "'
    + "A" * 100
    + '">'
    + "".join(f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 9))
    + "]><worksheet"
)
THIRD_ROW = b'<row r="3"><c r="A3" t="inlineStr"><is><t>&a8;</t></is></c></row></sheetData>'
UNKNOWN_ATTRIBUTE = (b"<workbookView ", b'<workbookView x="1" ')


@pytest.mark.parametrize(
    "content",
    [
        _damaged("xl/worksheets/sheet1.xml", lambda sheet: sheet[: len(sheet) // 2]),
        _damaged("xl/workbook.xml", lambda book: book.replace(*UNKNOWN_ATTRIBUTE)),
        _damaged("xl/worksheets/sheet1.xml", lambda sheet: sheet.replace(b"<worksheet", LAUGHS.encode(), 1)
                                                            .replace(b"</sheetData>", THIRD_ROW)),
        _bad_deflate(),
    ],
    ids=["cut short", "unknown attribute", "entity bomb", "bad deflate"],
)  # fmt: skip
def test_a_damaged_or_hostile_workbook_could_not_be_read(content):
    with pytest.raises(TableError, match="could not be read"):
        read_table(_upload("damaged.xlsx", content), columns=COLUMNS)


@pytest.mark.parametrize("name", ["long.csv", "long.xlsx"])
def test_it_refuses_files_over_the_row_limit(settings, name):
    settings.IMPORT_MAX_ROWS = 10
    rows = [["姓名"], *([f"客人{n}"] for n in range(11))]
    content = _xlsx(*rows) if name.endswith(".xlsx") else "".join(f"{row[0]}\n" for row in rows).encode()
    with pytest.raises(TableError, match="more than 10 rows"):
        read_table(_upload(name, content), columns=COLUMNS)
    settings.IMPORT_MAX_ROWS = 11
    assert len(read_table(_upload(name, content), columns=COLUMNS).rows) == 11


def test_a_zip_bomb_is_refused_from_its_directory_before_it_is_opened():
    bomb = zip_bomb(120)
    assert len(bomb) < 200 * 1024
    with pytest.raises(TableError, match="would unpack to more than 50 MB, so it was not opened"):
        read_table(_upload("bomb.xlsx", bomb), columns=COLUMNS)


def test_a_workbook_packed_far_tighter_than_any_spreadsheet_is_refused_before_it_is_opened():
    with pytest.raises(TableError, match="compressed more than 100 to 1, far more than any spreadsheet, so it was not"):
        read_table(_upload("bomb.xlsx", zip_bomb(5)), columns=COLUMNS)


def test_a_long_workbook_of_alike_rows_is_not_taken_for_a_bomb():
    """Rows that differ only in their numbers pack about 40 to 1, well within the ratio allowed."""
    headers = ["姓名", "手机", "生日", "纪念日", *(f"备注{n}" for n in range(4))]
    row = ["王芳", "13800138000", "1988-08-08", "2015-05-20", *["常住客人，喜欢高楼层的安静房间，不要靠近电梯"] * 4]
    output = io.BytesIO()
    write_workbook(headers, (row for _ in range(2000)), output)
    assert max(info.file_size for info in zipfile.ZipFile(output).infolist()) > MB
    assert len(read_table(_upload("alike.xlsx", output.getvalue()), columns=COLUMNS).rows) == 2000


def test_a_20_mb_csv_is_refused_for_its_size_before_it_is_read():
    upload = _upload("big.csv", b"name,mobile\n" + b"guest,13800138000\n" * (20 * MB // 18))
    with pytest.raises(TableError, match="larger than 10 MB"):
        read_table(upload, columns=COLUMNS)
    assert upload.tell() == 0


def test_past_the_row_limit_the_rest_of_the_file_is_not_read(settings):
    settings.IMPORT_MAX_MB = 30
    upload = _upload("big.csv", b"name,mobile\n" + b"guest,13800138000\n" * (20 * MB // 18))
    with pytest.raises(TableError, match="more than 20,000 rows"):
        read_table(upload, columns=COLUMNS)
    assert upload.tell() < MB


def test_a_gbk_file_whose_chinese_starts_far_down_is_read_again_as_gbk():
    content = ("name,mobile\n" + "Guest,13800138000\n" * 10_000 + "欧阳娜娜,13900139000\n").encode("gbk")
    table = read_table(_upload("guests.csv", content), columns=COLUMNS)
    assert (len(table.rows), table.rows[-1].values["name"]) == (10_001, "欧阳娜娜")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("long.csv", ("姓名,手机\n张三," + "8" * 2001 + "\n").encode()),
        ("long.xlsx", _xlsx(["姓名", "手机"], ["张三", "8" * 2001])),
    ],
)
def test_an_over_long_cell_is_refused_and_quoted_by_an_excerpt_only(name, content):
    with pytest.raises(TableError) as refused:
        read_table(_upload(name, content), columns=COLUMNS)
    assert refused.value.messages == [f"The cell in row 2, column B holds more than 2,000 characters: “{'8' * 50}…”."]


def test_a_csv_row_of_countless_cells_is_refused_as_it_is_read():
    content = ("姓名\n" + "张三," * 60_000 + "\n").encode()
    with pytest.raises(TableError) as refused:
        read_table(_upload("wide.csv", content), columns=COLUMNS)
    assert refused.value.messages == [f"Row 2 is longer than 100,000 characters: “{'张三,' * 16}张三…”."]


def test_long_headers_are_quoted_by_an_excerpt_only():
    table = read_table(_upload("a.csv", ("姓名," + "备" * 300 + "\n张三,x\n").encode()), columns=COLUMNS)
    assert table.ignored == ["备" * 50 + "…"]


def test_the_upload_keeps_nothing_of_a_file_past_the_size_limit(settings, rf):
    settings.IMPORT_MAX_MB = 1
    file = rf.post("/", {"file": _upload("big.csv", b"x" * (2 * MB))}).FILES["file"]
    assert (file.name, file.size, file.read()) == ("big.csv", 2 * MB, b"")
    with pytest.raises(TableError, match="larger than 1 MB"):
        read_table(file, columns=COLUMNS)


def test_csv_export_has_a_bom_and_reads_back():
    rows = [["王芳", date(1988, 8, 8), Decimal("1200.50"), None]]
    response = export_response("guests", ["姓名", "生日", "额度", "备注"], iter(rows), "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="guests.csv"' in response["Content-Disposition"]
    body = _body(response)
    assert body.startswith("\ufeff".encode())
    assert list(csv.reader(io.StringIO(body.decode("utf-8-sig")))) == [
        ["姓名", "生日", "额度", "备注"],
        ["王芳", "1988-08-08", "1200.50", ""],
    ]


def test_xlsx_export_keeps_types_and_never_writes_formulas():
    rows = [['=HYPERLINK("http://evil")', "+8613800138000", date(1988, 8, 8), 45, datetime(2026, 1, 5, 9, 30)]]
    response = export_response("guests", ["a", "b", "c", "d", "e"], rows, "xlsx")
    assert 'filename="guests.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(_body(response))).active
    values = [cell.value for cell in sheet[2]]
    assert sheet["A2"].data_type == "s"
    assert values[:2] == ['=HYPERLINK("http://evil")', "+8613800138000"]
    assert values[2].date() == date(1988, 8, 8)
    assert values[3] == 45


def test_csv_export_defuses_formulas_but_keeps_phone_numbers():
    rows = [["=1+1", "@SUM(A1)", "+86 138 0013 8000", "-5", "-A1"]]
    body = _body(export_response("x", ["a", "b", "c", "d", "e"], rows, "csv")).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body)))[1] == ["'=1+1", "'@SUM(A1)", "+86 138 0013 8000", "-5", "'-A1"]
