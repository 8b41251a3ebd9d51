"""Downloads of whole lists, as filtered and sorted on screen.

A list view describes its download as a `Table` built from the request. CSV streams at once, whatever its length.
An Excel workbook must be complete before its first byte can be sent, and 150,000 guest profiles take half a
minute to write: above `EXPORT_INLINE_ROWS` rows the request only records an `Export`, a Celery worker builds the
same table as the same person with the same filters and stores the file, and the person downloads it from
"My exports" when it is ready. Files are deleted after `EXPORT_KEEP_DAYS` days.
"""

import logging
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import ngettext

from hotelsales.models import Export, JobRun
from hotelsales.purges import purge_requested_before
from hotelsales.tabular import SPOOL_BYTES, export_response, write_workbook

logger = logging.getLogger(__name__)

CHUNK_SIZE = 2000
# The functions that may build a table for an export, by dotted path: what a worker is allowed to call.
_TABLES: set[str] = set()


@dataclass(frozen=True)
class Table:
    """A list as a download: the file name without its extension, the column headers, the rows' queryset in the
    list's order, and the cells of one row."""

    stem: str
    headers: Sequence[str | Promise]
    source: QuerySet
    cells: Callable[[Any], Sequence]

    def rows(self) -> Iterator[Sequence]:
        return (self.cells(item) for item in self.source.iterator(chunk_size=CHUNK_SIZE))


def exportable(build: Callable[[HttpRequest], Table]) -> Callable[[HttpRequest], Table]:
    """Mark a function of the request that builds a Table as one a worker may call for a queued export."""
    _TABLES.add(_path(build))
    return build


def _path(build: Callable) -> str:
    return f"{build.__module__}.{build.__qualname__}"


def download(request, build: Callable[[HttpRequest], Table], fmt: str):
    """The list's file in `fmt`: at once, or, for an Excel file of many rows, queued for a worker."""
    table = build(request)
    if fmt == "xlsx":
        rows = table.source.count()
        if rows > settings.EXPORT_INLINE_ROWS:
            _queue(request, build, table, rows)
            return redirect("hotelsales:exports")
    return export_response(table.stem, table.headers, table.rows(), fmt)


def _queue(request, build: Callable[[HttpRequest], Table], table: Table, rows: int) -> Export:
    from hotelsales.tasks import write_export_task  # the tasks module imports this one

    path = _path(build)
    if path not in _TABLES:
        raise ValueError(f"{path} is not marked @exportable")
    export = Export.objects.create(
        requested_by=request.user,
        table=path,
        query=request.GET.urlencode(),
        language=translation.get_language(),
        filename=f"{table.stem}.xlsx",
        rows=rows,
    )
    transaction.on_commit(partial(write_export_task.delay, export.pk))
    messages.info(
        request,
        ngettext(
            "The list has %(rows)s row. Its Excel file is being written and will be ready here in a moment.",
            "The list has %(rows)s rows. Its Excel file is being written and will be ready here in a moment.",
            rows,
        )
        % {"rows": rows},
    )
    return export


def write_export(export_id: int) -> Export:
    """Write a queued export's workbook as the person who asked would have downloaded it; nothing happens to an
    export that is no longer queued, so a retried task does not write it twice."""
    export = Export.objects.select_related("requested_by").get(pk=export_id)
    if export.state != Export.State.QUEUED:
        return export
    request = HttpRequest()
    request.method = "GET"
    request.GET = QueryDict(export.query)
    request.user = export.requested_by
    try:
        build = import_string(export.table)  # importing its module marks the module's tables
        if export.table not in _TABLES:
            raise ValueError(f"{export.table} is not marked @exportable")
        with translation.override(export.language):
            table = build(request)
            with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as output:
                write_workbook(table.headers, _counted(table.rows(), export), output)
                output.seek(0)
                content = output.read()
    except Exception as exc:
        logger.exception("export %s failed", export.pk)
        _finish(export, state=Export.State.FAILED, error=f"{type(exc).__name__}: {exc}")
        raise
    _finish(export, state=Export.State.READY, content=content, rows=export.rows)
    return export


def _counted(rows: Iterator[Sequence], export: Export) -> Iterator[Sequence]:
    """The rows, counting them into `export.rows`: the file holds the rows there were when it was written."""
    export.rows = 0
    for row in rows:
        export.rows += 1
        yield row


def _finish(export: Export, **changes) -> None:
    changes["finished_at"] = timezone.now()
    Export.objects.filter(pk=export.pk, state=Export.State.QUEUED).update(**changes)
    for name, value in changes.items():
        setattr(export, name, value)


def purge_old_exports(*, as_of: datetime) -> JobRun:
    """Delete export files asked for more than EXPORT_KEEP_DAYS days before `as_of`; a nightly job."""
    return purge_requested_before(
        "purge_old_exports", Export.objects.all(), as_of=as_of, keep_days=settings.EXPORT_KEEP_DAYS,
        counted_as="exports_deleted",
    )  # fmt: skip
