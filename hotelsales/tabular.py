"""Tables in and out: reading uploaded CSV and Excel files into rows of text, and answering with CSV or XLSX files.

Imports (accounts, guest profiles, rooming lists) read a file with `read_table`, which maps the file's column
headers to the caller's keys and hands back every row as text with its row number in the file, so that errors
can point at the cell a person has to fix. Exports and report downloads answer through `export_response`.
"""

import csv
import io
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zipfile import BadZipFile

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
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
from openpyxl.utils.exceptions import InvalidFileException

from hotelsales.punctuation import word_list
from hotelsales.widgets import FilePicker

MAX_ROWS = 20_000
MAX_BYTES = 20 * 1024 * 1024
# Excel files often carry formatting far below the data; this many empty rows in a row end the table.
BLANK_RUN_LIMIT = 1_000
FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    headers: dict[str, str]  # column key -> the header as written in the file, in the file's order
    ignored: list[str] = field(default_factory=list)  # headers no column understands


def header_key(text: str) -> str:
    """Headers match whatever their case, spacing, underscores, colons or required-marks: 'Birthday *' = 'birthday'."""
    return re.sub(r"[\s_\-*:：]+", "", text).casefold().replace("（", "(").replace("）", ")")


class TableUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV or Excel (.xlsx); the first row names the columns."),
        widget=FilePicker(attrs={"accept": ".csv,.xlsx"}),
    )


def read_table(uploaded_file, *, columns: Sequence[Column], max_rows: int = MAX_ROWS) -> Table:
    """Read a CSV (UTF-8, or GB18030 as Chinese Excel saves it) or XLSX file into rows of trimmed text.

    The first non-empty row names the columns; headers no column understands are ignored. Empty rows are
    skipped but keep their numbers. Raises TableError for a file that is unreadable, of another type, empty,
    too long, or missing a required column.
    """
    name = (getattr(uploaded_file, "name", "") or "").lower()
    if name.endswith(".xls"):
        raise TableError(_("Old Excel files (.xls) cannot be read. Save the sheet as .xlsx or CSV and upload that."))
    if not name.endswith((".csv", ".txt", ".xlsx", ".xlsm")):
        raise TableError(_("Upload a CSV or Excel (.xlsx) file."))
    if uploaded_file.size is not None and uploaded_file.size > MAX_BYTES:
        raise TableError(_("The file is larger than %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)})
    uploaded_file.seek(0)
    if name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(uploaded_file, columns, max_rows)
    return _build_table(_csv_rows(uploaded_file.read()), columns, max_rows)


def _unreadable() -> TableError:
    return TableError(_("The file could not be read. Save it as CSV (UTF-8) or Excel (.xlsx) and try again."))


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    # Excel saves "Unicode text" as UTF-16 with a BOM; else UTF-8 (with or without a BOM) or GB18030.
    encodings = ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _unreadable()
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)  # Excel in some locales separates with ';'
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise _unreadable() from error


def _read_xlsx(uploaded_file, columns, max_rows) -> Table:
    try:
        workbook = load_workbook(uploaded_file, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise _unreadable() from error
    try:
        return _build_table(workbook.worksheets[0].iter_rows(values_only=True), columns, max_rows)
    except (BadZipFile, IndexError, KeyError, OSError, ValueError) as error:
        raise _unreadable() from error
    finally:
        workbook.close()


def cell_text(value) -> str:
    """A cell as text: numbers without a spurious '.0' (a mobile saved as a number), dates as YYYY-MM-DD."""
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
    return str(value).strip()


def _build_table(lines: Iterable[Sequence], columns: Sequence[Column], max_rows: int) -> Table:
    lines = iter(lines)
    header_number, header = 0, None
    for number, line in enumerate(lines, start=1):
        if any(cell_text(cell) for cell in line):
            header_number, header = number, [cell_text(cell) for cell in line]
            break
    if header is None:
        raise TableError(_("The file is empty."))

    by_name = {name: column for column in columns for name in column.header_names()}
    positions, headers, ignored = {}, {}, []
    for position, text in enumerate(header):
        column = by_name.get(header_key(text))
        if column is None:
            if text:
                ignored.append(text)
        elif column.key in positions:
            raise TableError(_("The column “%(header)s” appears twice.") % {"header": text})
        else:
            positions[column.key], headers[column.key] = position, text
    missing = [str(column.label) for column in columns if column.required and column.key not in positions]
    if missing:
        raise TableError(
            _("The first row must name the columns; these are missing: %(columns)s.") % {"columns": word_list(missing)}
        )

    rows, blank_run = [], 0
    for number, line in enumerate(lines, start=header_number + 1):
        values = {key: cell_text(line[position]) if position < len(line) else "" for key, position in positions.items()}
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
    output = tempfile.SpooledTemporaryFile(max_size=MAX_BYTES)  # noqa: SIM115
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
        raise ValueError(_("Enter a real date as YYYY-MM-DD, not “%(value)s”.") % {"value": text}) from None


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
