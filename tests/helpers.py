"""Functions that several test modules share; fixtures are in tests/conftest.py, test data in tests/factories.py."""

import io
import re
import uuid
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

SHANGHAI = ZoneInfo("Asia/Shanghai")
DATA = Path(__file__).parent / "data"
# What the tests' loopback SMS gateway (the `gateway` fixture) signs with.
SMS_SECRET = "loopback-test-secret"
# Ideographs, CJK punctuation (、。「」) and full-width forms (，：（）).
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# A half-width mark touching Chinese text, directly or across one space: "下午好, 王芳", "信用冻结: …".
HALF_WIDTH_BESIDE_CHINESE = re.compile(rf"[{CJK}] ?[,:;()!?\"']|[,:;()!?\"'] ?[{CJK}]")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """`day` at hour:minute in the hotel's time, Asia/Shanghai (the tests' TIME_ZONE)."""
    return datetime.combine(day, time(hour, minute), SHANGHAI)


def pdf_text(response) -> str:
    """The text of a PDF response, page after page; fails unless the response is a PDF."""
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def last_analyzed(model) -> datetime | None:
    """When PostgreSQL last refreshed the planner's statistics of the model's table (ANALYZE), or None."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # this transaction's cached statistics
        cursor.execute(
            "SELECT last_analyze FROM pg_stat_user_tables WHERE relid = %s::regclass", [model._meta.db_table]
        )
        return cursor.fetchone()[0]


def xlsx_rows(content: bytes) -> list[list]:
    """The rows of a workbook's active sheet, each a list of cell values."""
    return [list(row) for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


def sample_file(name: str) -> SimpleUploadedFile:
    """A file from tests/data, as if uploaded."""
    return SimpleUploadedFile(name, (DATA / name).read_bytes())


def zip_bomb(megabytes: int) -> bytes:
    """A workbook whose sheet unpacks to `megabytes` MB (one cell of that many letters), about 1 KB per MB packed.

    The workbook's other parts are openpyxl's own; the sheet is compressed a megabyte at a time, so the test never
    holds the unpacked sheet in memory.
    """
    parts = io.BytesIO()
    Workbook().save(parts)
    output = io.BytesIO()
    with zipfile.ZipFile(parts) as model, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in model.infolist():
            if entry.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(entry, model.read(entry))
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            sheet.write(b'<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>')
            sheet.write(b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
            megabyte = b"A" * 1024 * 1024
            for _ in range(megabytes):
                sheet.write(megabyte)
            sheet.write(b"</t></is></c></row></sheetData></worksheet>")
    return output.getvalue()


def with_token(data: dict) -> dict:
    """Form data with a fresh one-time token, as the page renders it into a form that changes money
    (hotelsales.once): each call is a new form."""
    return {**data, "form_token": str(uuid.uuid4())}
