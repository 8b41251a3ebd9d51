"""Functions that several test modules share; fixtures are in tests/conftest.py, test data in tests/factories.py."""

import io
import re
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from pypdf import PdfReader

SHANGHAI = ZoneInfo("Asia/Shanghai")
DATA = Path(__file__).parent / "data"
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


def xlsx_rows(content: bytes) -> list[list]:
    """The rows of a workbook's active sheet, each a list of cell values."""
    return [list(row) for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


def sample_file(name: str) -> SimpleUploadedFile:
    """A file from tests/data, as if uploaded."""
    return SimpleUploadedFile(name, (DATA / name).read_bytes())
