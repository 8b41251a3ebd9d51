"""Tables in and out: reading uploaded CSV and Excel files into rows of text, and answering with CSV or XLSX files.

Imports (accounts, guest profiles, rooming lists) read a file with `read_table`, which maps the file's column
headers to the caller's keys and hands back every row as text with its row number in the file, so that errors
can point at the cell a person has to fix. Exports and report downloads answer through `export_response`.

A small upload can stand for a huge table (a 300 KB workbook can unpack to 300 MB), so every upload is read within
limits that the settings tune. While the request comes in, `UploadSizeLimit` keeps no more of a file than
IMPORT_MAX_MB. A workbook's zip directory is checked before the workbook is opened: its entries may unpack to
IMPORT_XLSX_UNPACKED_MB together, and none may be packed more than IMPORT_XLSX_MAX_RATIO times (a zip bomb).
Both formats are then read a row at a time, up to IMPORT_MAX_ROWS rows of cells of at most IMPORT_MAX_CELL_CHARS
characters, and refused at the first row past a limit. Messages quote a cell by an excerpt only (`excerpt`).
"""

import csv
import io
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import chain

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import FileResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from hotelsales.forms import without_bidi_controls
from hotelsales.punctuation import word_list
from hotelsales.widgets import FilePicker

MB = 1024 * 1024
# Excel files often carry formatting far below the data; this many empty rows in a row end the table.
BLANK_RUN_LIMIT = 1_000
MAX_COLUMNS = 100  # cells further right are not read: no import has half as many columns
MAX_CSV_ROW_CHARS = 100_000  # a CSV row may hold any number of cells; this bounds what one row costs to read
RATIO_FROM_BYTES = MB  # a smaller zip entry cannot hurt, however tightly it is packed
EXCERPT_CHARS = 50
SPOOL_BYTES = 20 * MB  # an Excel export larger than this is written to a temporary file instead of memory
FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What zipfile (RuntimeError: an encrypted entry), zlib, the XML parsers (theirs are SyntaxErrors, entity bombs
# included) and openpyxl raise on a damaged or hostile workbook.
BROKEN_WORKBOOK = (
    zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, InvalidFileException, SyntaxError,
    IndexError, KeyError, OSError, TypeError, ValueError,
)  # fmt: skip


class TableError(ValidationError):
    """A file that cannot be read as a table; the message says why, in words a person can act on."""


@dataclass(frozen=True)
class Column:
    """A column an import understands: its key, its label, and the other headers people give it."""

    key: str
    label: str | Promise
    aliases: tuple[str, ...] = ()
    required: bool = False

    def header_names(self) -> set[str]:
        """Every header that means this column: the key, the aliases and the label in each language."""
        names = {self.key, *self.aliases}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names.add(str(self.label))
        return {header_key(name) for name in names}


@dataclass(frozen=True)
class Row:
    number: int  # the row's number as the spreadsheet shows it (the header is row 1)
    values: dict[str, str]


@dataclass
class Table:
    rows: list[Row]
    headers: dict[str, str]  # column key -> the header as written in the file (an excerpt), in the file's order
    ignored: list[str] = field(default_factory=list)  # headers no column understands (excerpts)


def header_key(text: str) -> str:
    """Headers match whatever their case, spacing, underscores, colons or required-marks: 'Birthday *' = 'birthday'."""
    return re.sub(r"[\s_\-*:：]+", "", text).casefold().replace("（", "(").replace("）", ")")


def excerpt(text: str) -> str:
    """Text from a file as pages and messages quote it: its first EXCERPT_CHARS characters, and '…' for the rest."""
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


class TableUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV or Excel (.xlsx); the first row names the columns."),
        widget=FilePicker(attrs={"accept": ".csv,.xlsx"}),
    )


class UploadSizeLimit(FileUploadHandler):
    """Keeps no more of an uploaded file than IMPORT_MAX_MB, first in FILE_UPLOAD_HANDLERS: the handlers after it
    (memory, temporary file) stop receiving the file there, the rest of the request is read and thrown away, and
    the view gets an empty stand-in of the size sent, which read_table refuses as too large."""

    def receive_data_chunk(self, raw_data, start):
        return raw_data if start + len(raw_data) <= settings.IMPORT_MAX_MB * MB else None

    def file_complete(self, file_size):
        if file_size <= settings.IMPORT_MAX_MB * MB:
            return None
        return UploadedFile(io.BytesIO(), self.file_name, self.content_type, file_size)


def read_table(uploaded_file, *, columns: Sequence[Column]) -> Table:
    """Read a CSV (UTF-8, or GB18030 as Chinese Excel saves it) or XLSX file into rows of trimmed text.

    The first non-empty row names the columns; headers no column understands are ignored. Empty rows are
    skipped but keep their numbers. Raises TableError for a file that is unreadable, of another type, empty,
    beyond the limits, or missing a required column.
    """
    name = (getattr(uploaded_file, "name", "") or "").lower()
    if name.endswith(".xls"):
        raise TableError(_("Old Excel files (.xls) cannot be read. Save the sheet as .xlsx or CSV and upload that."))
    if not name.endswith((".csv", ".txt", ".xlsx", ".xlsm")):
        raise TableError(_("Upload a CSV or Excel (.xlsx) file."))
    if uploaded_file.size > settings.IMPORT_MAX_MB * MB:
        raise TableError(_("The file is larger than %(size)s MB.") % {"size": settings.IMPORT_MAX_MB})
    if not uploaded_file.size:
        raise TableError(_("The file is empty."))
    uploaded_file.seek(0)
    if name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(uploaded_file, columns)
    return _read_csv(uploaded_file, columns)


def _unreadable() -> TableError:
    return TableError(_("The file could not be read. Save it as CSV (UTF-8) or Excel (.xlsx) and try again."))


def _read_csv(uploaded_file, columns: Sequence[Column]) -> Table:
    # Excel saves "Unicode text" as UTF-16 with a BOM; else UTF-8 (with or without a BOM) or GB18030, the superset
    # of the GBK that Chinese Excel saves. A file shows it is not UTF-8 only at its first such byte, perhaps far
    # down: the table is then read again from the start.
    bom = uploaded_file.read(2)
    encodings = ("utf-16",) if bom in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        uploaded_file.seek(0)
        text = io.TextIOWrapper(uploaded_file, encoding=encoding, newline="")
        try:
            return _build_table(_csv_rows(text), columns)
        except UnicodeDecodeError:
            continue
        finally:
            text.detach()  # keeps the upload open for the next encoding
    raise _unreadable()


class _Lines:
    """The lines of a CSV file for csv.reader, refusing a row longer than MAX_CSV_ROW_CHARS as soon as it gets
    there, however many lines its quoted cells span. The reader's consumer calls row_done() after each row."""

    def __init__(self, text: io.TextIOBase):
        self.text, self.row, self.used = text, 1, 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.text.readline(MAX_CSV_ROW_CHARS - self.used + 1)
        if not line:
            raise StopIteration
        self.used += len(line)
        if self.used > MAX_CSV_ROW_CHARS:
            raise TableError(
                _("Row %(row)s is longer than %(limit)s characters: “%(start)s”.")
                % {"row": self.row, "limit": f"{MAX_CSV_ROW_CHARS:,}", "start": excerpt(line)}
            )
        return line

    def row_done(self) -> None:
        self.row, self.used = self.row + 1, 0


def _csv_rows(text: io.TextIOBase) -> Iterator[list[str]]:
    lines = _Lines(text)
    first_line = next(lines, "")
    delimiter = max((",", ";", "\t"), key=first_line.count)  # Excel in some locales separates with ';'
    try:
        for row in csv.reader(chain([first_line], lines), delimiter=delimiter):
            lines.row_done()
            yield row
    except csv.Error as error:
        raise _unreadable() from error


def _read_xlsx(uploaded_file, columns: Sequence[Column]) -> Table:
    if not zipfile.is_zipfile(uploaded_file):
        raise TableError(
            _("The file's name ends in .xlsx, but it is not an Excel workbook. Open it in Excel and save it as .xlsx.")
        )
    try:
        _check_unpacking(uploaded_file)
        uploaded_file.seek(0)
        workbook = load_workbook(uploaded_file, read_only=True, data_only=True)
    except BROKEN_WORKBOOK as error:
        raise _unreadable() from error
    try:
        return _build_table(workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True), columns)
    except BROKEN_WORKBOOK as error:
        raise _unreadable() from error
    finally:
        workbook.close()


def _check_unpacking(uploaded_file) -> None:
    """Refuse a workbook that would unpack to more than IMPORT_XLSX_UNPACKED_MB, or has an entry packed more than
    IMPORT_XLSX_MAX_RATIO times, from its zip directory alone. zipfile never unpacks an entry beyond the size the
    directory gives it, so what openpyxl reads afterwards stays within what is checked here."""
    with zipfile.ZipFile(uploaded_file) as archive:
        entries = archive.infolist()
    limit, ratio = settings.IMPORT_XLSX_UNPACKED_MB, settings.IMPORT_XLSX_MAX_RATIO
    if sum(entry.file_size for entry in entries) > limit * MB:
        raise TableError(
            _("The workbook would unpack to more than %(size)s MB, so it was not opened. Split it into smaller "
              "files, or save it as CSV.") % {"size": limit}
        )  # fmt: skip
    if any(entry.file_size > max(RATIO_FROM_BYTES, entry.compress_size * ratio) for entry in entries):
        raise TableError(
            _("Part of the workbook is compressed more than %(ratio)s to 1, far more than any spreadsheet, so it was "
              "not opened. Save it again from Excel, or save it as CSV.") % {"ratio": ratio}
        )  # fmt: skip


def cell_text(value) -> str:
    """A cell as text: numbers without a spurious '.0' (a mobile saved as a number), dates as YYYY-MM-DD, and no
    bidirectional control characters (as the forms strip them)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return format(value, ".15g")  # Excel keeps 15 significant digits; more are binary noise
    return without_bidi_controls(str(value)).strip()


def _build_table(lines: Iterable[Sequence], columns: Sequence[Column]) -> Table:
    lines = iter(lines)
    header_number, header = 0, None
    for number, line in enumerate(lines, start=1):
        if number > BLANK_RUN_LIMIT:
            break
        texts = [_cell(line, position, number) for position in range(min(len(line), MAX_COLUMNS))]
        if any(texts):
            header_number, header = number, texts
            break
    if header is None:
        raise TableError(_("The file is empty."))

    by_name = {name: column for column in columns for name in column.header_names()}
    positions, headers, ignored = {}, {}, []
    for position, text in enumerate(header):
        column = by_name.get(header_key(text))
        if column is None:
            if text:
                ignored.append(excerpt(text))
        elif column.key in positions:
            raise TableError(_("The column “%(header)s” appears twice.") % {"header": excerpt(text)})
        else:
            positions[column.key], headers[column.key] = position, excerpt(text)
    missing = [str(column.label) for column in columns if column.required and column.key not in positions]
    if missing:
        raise TableError(
            _("The first row must name the columns; these are missing: %(columns)s.") % {"columns": word_list(missing)}
        )

    rows, blank_run, max_rows = [], 0, settings.IMPORT_MAX_ROWS
    for number, line in enumerate(lines, start=header_number + 1):
        values = {key: _cell(line, position, number) for key, position in positions.items()}
        if not any(values.values()):
            blank_run += 1
            if blank_run >= BLANK_RUN_LIMIT:
                break
            continue
        blank_run = 0
        if len(rows) >= max_rows:
            raise TableError(
                _("The file has more than %(limit)s rows. Split it into smaller files.") % {"limit": f"{max_rows:,}"}
            )
        rows.append(Row(number, values))
    if not rows:
        raise TableError(_("The file has no rows below the column headers."))
    return Table(rows=rows, headers=headers, ignored=ignored)


def _cell(line: Sequence, position: int, number: int) -> str:
    """The text of the cell at `position` in row `number`; TableError when it is longer than IMPORT_MAX_CELL_CHARS
    or holds a NUL character (no text does, and the database refuses it: the file is binary or mis-encoded)."""
    text = cell_text(line[position]) if position < len(line) else ""
    limit = settings.IMPORT_MAX_CELL_CHARS
    if len(text) <= limit and "\x00" not in text:
        return text
    where = {"row": number, "column": get_column_letter(position + 1)}
    if len(text) > limit:
        raise TableError(
            _("The cell in row %(row)s, column %(column)s holds more than %(limit)s characters: “%(start)s”.")
            % {**where, "limit": f"{limit:,}", "start": excerpt(text)}
        )
    raise TableError(
        _("The cell in row %(row)s, column %(column)s holds a NUL character. Save the file again as CSV (UTF-8) "
          "or Excel (.xlsx) and upload that.") % where
    )  # fmt: skip


def _safe_text(value: str) -> str:
    """Text that a spreadsheet will not run as a formula (CSV injection): '=HYPERLINK(...)' gets a leading quote.

    '+8613800138000' and '-5' stay as they are: a sign followed by a number is data, not a formula.
    """
    if value[:1] in ("=", "@", "\t", "\r") or (value[:1] in ("+", "-") and not re.fullmatch(r"[+-][\d.\s]*", value)):
        return "'" + value
    return value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if isinstance(value, date):
        return value.isoformat()
    return _safe_text(str(value))


def download_format(request, default: str = "csv") -> str | None:
    """The ?format= a download asks for (csv or xlsx), or None for anything else."""
    fmt = request.GET.get("format", default)
    return fmt if fmt in FORMATS else None


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer inside a streaming response."""

    def write(self, value):
        return value


def export_response(
    filename_stem: str, headers: Sequence[str | Promise], rows: Iterable[Sequence], fmt: str
) -> HttpResponseBase:
    """A download of `rows` under `headers`, as CSV (streamed, UTF-8 with a BOM so Excel reads Chinese) or XLSX.

    `rows` may be a generator over a queryset's iterator(): neither format holds all rows in memory.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    filename = f"{filename_stem}.{fmt}"
    if fmt == "csv":
        writer = csv.writer(_Echo())
        language = translation.get_language()

        def lines():
            # The response is sent after the view returns: keep the request's language for translated values.
            with translation.override(language):
                yield "\ufeff" + writer.writerow([str(header) for header in headers])
                for row in rows:
                    yield writer.writerow([_csv_cell(value) for value in row])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
        return response

    # Spooled: small workbooks stay in memory, big ones go to disk. The response closes the file when sent.
    output = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    write_workbook(headers, rows, output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def write_workbook(headers: Sequence[str | Promise], rows: Iterable[Sequence], output) -> None:
    """Write `rows` under `headers` as one Excel sheet into the binary file `output`, a row at a time."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([_xlsx_cell(sheet, header) for header in headers])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    workbook.save(output)


def _xlsx_cell(sheet, value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
    if not isinstance(value, str | Promise):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if not text.startswith("="):
        return text or None
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # text, not a formula
    return cell


WRITTEN_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@dataclass(frozen=True)
class RowError:
    row: int  # the row's number in the file
    column: str  # the column's key; "" for an error about the whole row
    message: str


def folded(text: str) -> str:
    """Text as compared when people write codes and labels: no spaces, case folded."""
    return "".join(text.split()).casefold()


def written_date(text: str) -> str:
    """A date as people write it in a sheet (2026-01-05, 2026/1/5, 2026年1月5日), as ISO; ValueError if not real."""
    match = WRITTEN_DATE.fullmatch(text)
    try:
        return date(*(int(part) for part in match.groups())).isoformat()
    except (AttributeError, ValueError):
        raise ValueError(_("Enter a real date as YYYY-MM-DD, not “%(value)s”.") % {"value": excerpt(text)}) from None


def converted_cells(row: Row, converters: dict[str, Callable], errors: list[RowError]) -> dict:
    """The row's cells with `converters` applied; a cell that does not convert is reported and left out."""
    data = {}
    for key, text in row.values.items():
        if not text:
            continue
        try:
            data[key] = converters[key](text) if key in converters else text
        except ValueError as error:
            errors.append(RowError(row.number, key, str(error)))
    return data
