"""A group block's rooming list: upload a file, read the preview and its error report, confirm; and the export.

As with the account and profile imports, the preview keeps the rows it read (not the file) in the cache under a
random token for an hour, for the user who uploaded them and this block only. Confirming checks them again
before booking: the block's pickup may have moved in between.
"""

import secrets
from datetime import timedelta

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hotelsales.roles import Role, role_required
from hotelsales.tabular import Row, Table, TableError, TableUploadForm, download_format, export_response, read_table
from reservations import access
from reservations.models import GroupBlock, Reservation
from reservations.rooms.roominglist import (
    COLUMNS,
    RoomingResult,
    check_rooming_list,
    closed_reason,
    import_rooming_list,
)

IMPORT = (*access.SELL, Role.FRONT_DESK)
KEEP_SECONDS = 60 * 60
PREVIEW_ROWS = 200
SHOWN_ERRORS = 500
TEMPLATE = "reservations/rooming_list_import.html"


def _block(pk: int) -> GroupBlock:
    return get_object_or_404(GroupBlock.objects.select_related("booking__account"), pk=pk)


@role_required(*IMPORT)
def rooming_import(request, pk):
    """GET: the upload form. POST: read and check the file, and show the preview with its report."""
    block = _block(pk)
    form = TableUploadForm(request.POST, request.FILES) if request.method == "POST" else TableUploadForm()
    if form.is_bound and form.is_valid():
        try:
            table = read_table(form.cleaned_data["file"], columns=COLUMNS)
            result = check_rooming_list(block=block, rows=table.rows)
        except TableError as error:
            form.add_error("file", error)
        except ValidationError as refusal:
            return _page(request, block, refusal=refusal.messages)
        else:
            return _preview(request, block, table, result, token=_keep(request, block, table) if result.ok else "")
    return _page(request, block, form=form)


@role_required(*IMPORT)
@require_POST
def rooming_import_confirm(request, pk):
    block = _block(pk)
    key = _cache_key(block, request.POST.get("token", ""))
    kept = cache.get(key)
    # Deleting the kept rows claims them: a second click on Import finds nothing left to import.
    if not kept or kept["user"] != request.user.pk or not cache.delete(key):
        refusal = _("This upload has expired or was already imported. Please upload the file again.")
        return _page(request, block, refusal=[refusal])
    table = Table(rows=[Row(number, values) for number, values in kept["rows"]], headers=kept["headers"])
    try:
        result = import_rooming_list(block=block, rows=table.rows, by=request.user)
    except ValidationError as refusal:
        return _page(request, block, refusal=refusal.messages)
    if not result.ok:
        return _preview(request, block, table, result, token="")
    count = len(result.reservations)
    messages.success(
        request,
        ngettext(
            "The rooming list was imported: %(count)s reservation.",
            "The rooming list was imported: %(count)s reservations.",
            count,
        )
        % {"count": count},
    )
    return redirect(block)


@role_required(*IMPORT)
def rooming_template(request, pk):
    """An empty rooming list with the columns and two example rows (a sharing pair) in the block's dates."""
    block = _block(pk)
    fmt = download_format(request, default="xlsx")
    if fmt is None:
        return HttpResponseBadRequest(_("Choose the CSV or XLSX format."))
    first = block.nights.select_related("room_type").order_by("night", "room_type__sort_order").first()
    last = block.nights.order_by("-night").values_list("night", flat=True).first()
    example = {}
    if first is not None:
        example = {"room_type": first.room_type.code, "arrival": first.night, "departure": last + timedelta(days=1)}
    rows = [
        {**example, "name": "张伟", "sharer": "李娜", "mobile": "13800138000", "requests": "高楼层"},
        {**example, "name": "李娜", "sharer": "张伟"},
    ]
    return export_response(
        f"rooming-list-template-{block.pk}",
        [capfirst(column.label) for column in COLUMNS],
        [[row.get(column.key, "") for column in COLUMNS] for row in rows],
        fmt,
    )


@role_required(*access.READ)
def rooming_export(request, pk):
    """The block's reservations as a rooming list, in CSV or XLSX."""
    block = get_object_or_404(GroupBlock, pk=pk)
    fmt = download_format(request)
    if fmt is None:
        return HttpResponseBadRequest(_("Choose the CSV or XLSX format."))
    field = Reservation._meta.get_field
    headers = [
        capfirst(field(name).verbose_name)
        for name in ("confirmation", "guest", "sharer", "room_type", "arrival", "departure")
    ]
    headers += [
        capfirst(_("nights")),
        capfirst(field("status").verbose_name),
        capfirst(field("special_requests").verbose_name),
    ]
    statuses = {code: str(label) for code, label in Reservation.Status.choices}
    reservations = block.reservations.select_related("guest", "sharer", "room_type").order_by(
        "arrival", "room_type__sort_order", "room_type__code", "guest__name", "pk"
    )
    rows = (
        [
            reservation.confirmation,
            reservation.guest.name,
            reservation.sharer.name if reservation.sharer else "",
            reservation.room_type.name,
            reservation.arrival,
            reservation.departure,
            reservation.nights,
            statuses[reservation.status],
            reservation.special_requests,
        ]
        for reservation in reservations.iterator(chunk_size=2000)
    )
    return export_response(f"rooming-list-{block.pk}", headers, rows, fmt)


def _cache_key(block: GroupBlock, token: str) -> str:
    return f"reservations:rooming-list:{block.pk}:{token[:64]}"


def _keep(request, block: GroupBlock, table: Table) -> str:
    """Keep the rows read from the file until the user confirms (plain data, so any later code can read them)."""
    token = secrets.token_urlsafe(24)
    kept = {"user": request.user.pk, "rows": [(row.number, row.values) for row in table.rows], "headers": table.headers}
    cache.set(_cache_key(block, token), kept, KEEP_SECONDS)
    return token


def _page(request, block: GroupBlock, *, form=None, refusal: list[str] | None = None, **context):
    """The upload page, with the block's rooms left per night; refusals, form errors and rejected lists are 400."""
    closed = closed_reason(block)
    refusal = refusal or ([closed] if closed else [])
    form = form or TableUploadForm()
    cells = list(block.nights.select_related("room_type").order_by("night"))
    types = sorted({cell.room_type for cell in cells}, key=lambda room_type: (room_type.sort_order, room_type.code))
    left = {(cell.night, cell.room_type_id): cell.available for cell in cells}
    nights = sorted({cell.night for cell in cells})
    context |= {
        "group_block": block,  # not "block": inside {% block %} tags that name is Django's block
        "booking": block.booking,
        "form": form,
        "columns": COLUMNS,
        "refusal": refusal,
        "closed": bool(closed),
        "types": types,
        "left": [(night, [left.get((night, room_type.pk)) for room_type in types]) for night in nights],
    }
    rejected = refusal or form.errors or ("result" in context and not context["result"].ok)
    return render(request, TEMPLATE, context, status=400 if rejected and request.method == "POST" else 200)


def _preview(request, block: GroupBlock, table: Table, result: RoomingResult, *, token: str):
    keys = [column.key for column in COLUMNS if column.key in table.headers]
    names = {column.key: table.headers.get(column.key) or str(column.label) for column in COLUMNS}
    failed = {error.row for error in result.errors}
    return _page(
        request,
        block,
        result=result,
        token=token,
        headers=[table.headers[key] for key in keys],
        rows=[
            (row.number, [row.values.get(key, "") for key in keys], row.number in failed)
            for row in table.rows[:PREVIEW_ROWS]
        ],
        errors=[(error.row, names.get(error.column, ""), error.message) for error in result.errors[:SHOWN_ERRORS]],
        more_errors=max(0, len(result.errors) - SHOWN_ERRORS),
        ignored=table.ignored,
    )
