"""Importing leads (线索) from a CSV or Excel file: inquiries collected elsewhere (a wedding fair, a partner's list).

Each row is read as clienthistory.imports reads accounts (hotelsales.tabular gives it as text; a type is written
as its code, its label or a Chinese word) and validated by the form every lead goes through
(marketing.leads.forms.LeadFieldsForm). A file with any bad row imports nothing and the report lists every error
with its row and column. Each lead imported is received as any other (marketing.leads.intake: numbered, routed,
given its deadline) with the source "import", but no receipt goes to the enquirer, who did not write to the hotel.
A file holds at most MAX_ROWS leads: each is routed in turn under the routing lock, while the person waits.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from clienthistory.imports import ImportResult, add_form_errors, choice_converter, form_data
from hotelsales.db import analyze_after_load
from hotelsales.tabular import Column, Row, RowError, converted_cells, written_date
from marketing.leads.forms import LEAD_FIELDS, LeadFieldsForm
from marketing.leads.intake import receive_lead
from marketing.leads.routing import active_routes
from marketing.models import Lead

MAX_ROWS = 1_000


def _label(name: str):
    return Lead._meta.get_field(name).verbose_name


COLUMNS = (
    Column("kind", _label("kind"), ("类型", "需求类型", "活动类型", "type"), required=True),
    Column("preferred_date", _label("preferred_date"), ("日期", "意向日期", "活动日期", "date")),
    Column("alternative_date", _label("alternative_date"), ("备选日期",)),
    Column("guests", _label("guests"), ("人数", "客人数")),
    Column("tables", _label("tables"), ("桌数",)),
    Column("rooms", _label("rooms"), ("房间数", "客房数")),
    Column("budget", _label("budget"), ("预算", "预算（元）")),
    Column("contact_name", _label("contact_name"), ("姓名", "联系人", "客人姓名"), required=True),
    Column("mobile", _label("mobile"), ("手机", "手机号", "手机号码", "电话")),
    Column("email", _label("email"), ("邮箱", "电子邮件", "电子邮箱", "e-mail")),
    Column("company", _label("company"), ("公司", "单位", "公司名称")),
    Column("message", _label("message"), ("留言", "备注", "需求", "notes")),
)

EXAMPLE = {
    "kind": "婚宴", "preferred_date": "2027-05-20", "guests": "300", "tables": "30", "budget": "150000",
    "contact_name": "张伟", "mobile": "13800138000", "email": "zhangwei@example.com", "message": "婚博会登记",
}  # fmt: skip

# The Chinese words people write for each kind, besides its code and its label in each language.
KIND_WORDS = {
    Lead.Kind.WEDDING: ("婚宴", "婚礼", "婚庆"),
    Lead.Kind.BANQUET: ("宴会", "宴请", "寿宴", "升学宴", "谢师宴"),
    Lead.Kind.MEETING: ("会议", "年会", "培训"),
    Lead.Kind.GROUP_ROOMS: ("团队", "团队客房", "团房", "客房"),
    Lead.Kind.OTHER: ("其他", "其它"),
}


def check_leads(*, rows: list[Row]) -> ImportResult:
    """Validate every row as import_leads would, writing nothing: the preview of an import."""
    _leads, errors = _read_leads(rows)
    return ImportResult(rows=len(rows), errors=errors)


@transaction.atomic
def import_leads(*, rows: list[Row], by=None) -> ImportResult:
    """Receive one lead per row, each routed, or none at all when any row has an error. Who imports (`by`, as
    every import is called) takes none of them: they are routed as inquiries are."""
    leads, errors = _read_leads(rows)
    if errors:
        return ImportResult(rows=len(rows), errors=errors)
    routes = active_routes()
    for lead in leads:
        lead.source = Lead.Source.IMPORT
        receive_lead(lead=lead, routes=routes, receipt=False)
    analyze_after_load(Lead, rows=len(leads))
    return ImportResult(rows=len(rows), created=len(leads))


def _read_leads(rows: list[Row]) -> tuple[list[Lead], list[RowError]]:
    converters = {
        "kind": choice_converter(Lead.Kind.choices, KIND_WORDS),
        "preferred_date": written_date,
        "alternative_date": written_date,
    }
    leads, errors = [], []
    for row in rows:
        row_errors = []
        data = converted_cells(row, converters, row_errors)
        form = LeadFieldsForm(data=form_data(Lead, LEAD_FIELDS, data))
        if form.is_valid():
            leads.append(form.save(commit=False))
        else:
            add_form_errors(row, form, row_errors)
        errors += row_errors
    return leads, errors


def too_many_rows(rows: list[Row]) -> str:
    """The refusal of a file holding more leads than one import takes; empty when it holds few enough."""
    if len(rows) <= MAX_ROWS:
        return ""
    return _("A file may hold at most %(limit)s leads; this one has %(rows)s. Split it.") % {
        "limit": MAX_ROWS,
        "rows": len(rows),
    }
