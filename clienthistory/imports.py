"""Importing accounts and guest profiles (客户单位 / 客史档案) from CSV or Excel files.

hotelsales.tabular reads the file into rows of text. Each row becomes the data the edit page would post (a type
written as its code or its Chinese or English label, an owner by user name, an account by its exact name, a VIP
level by its code) and is validated by the edit page's ModelForm. A file with any bad row imports nothing: the
report lists every error with its row and column, so that the file can be fixed in one pass.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from clienthistory.forms import AccountForm, ProfileForm, staff_who_sell
from clienthistory.models import LANGUAGE_CHOICES, Account, Preference, Profile, Segment, VipLevel
from hotelsales.db import analyze_after_load
from hotelsales.punctuation import word_list
from hotelsales.tabular import Column, Row, RowError, converted_cells, excerpt, folded, written_date

BATCH_SIZE = 1000


def _label(model: type[models.Model], name: str):
    return model._meta.get_field(name).verbose_name


ACCOUNT_COLUMNS = (
    Column("name", _label(Account, "name"), ("名称", "单位名称", "客户名称", "客户单位", "公司名称"), required=True),
    Column("kind", _label(Account, "kind"), ("kind", "类型", "单位类型", "客户类型")),
    Column("owner", _label(Account, "owner"), ("负责人", "销售", "销售经理", "客户经理")),
    Column("segment", _label(Account, "segment"), ("segment", "市场细分", "细分市场")),
    Column("status", _label(Account, "status"), ("状态",)),
    Column("phone", _label(Account, "phone"), ("电话", "联系电话", "tel")),
    Column("email", _label(Account, "email"), ("邮箱", "电子邮件", "电子邮箱", "e-mail")),
    Column("address", _label(Account, "address"), ("地址",)),
    Column("letter_language", _label(Account, "letter_language"), ("letter language", "信函语言", "语言")),
    Column(
        "payment_terms_days", _label(Account, "payment_terms_days"), ("payment terms", "账期", "账期（天）", "付款期限")
    ),
    Column("notes", _label(Account, "notes"), ("备注", "remarks")),
)

PREFERENCE_COLUMNS = (
    Column(Preference.Category.ALLERGY, gettext_lazy("Allergies"), ("allergy", "过敏", "过敏原", "过敏史")),
    Column(Preference.Category.DIETARY, gettext_lazy("Dietary needs"), ("dietary", "饮食", "饮食要求", "饮食偏好")),
    Column(Preference.Category.ROOM, gettext_lazy("Room preferences"), ("room preference", "房间偏好", "客房偏好")),
    Column(Preference.Category.OTHER, gettext_lazy("Other preferences"), ("other preference", "其他偏好", "其它偏好")),
)

PROFILE_COLUMNS = (
    Column("name", _label(Profile, "name"), ("姓名", "名字", "客人姓名"), required=True),
    Column("account", _label(Profile, "account"), ("单位", "所属单位", "客户单位", "公司", "company")),
    Column("title", _label(Profile, "title"), ("title", "职务", "职位")),
    Column("mobile", _label(Profile, "mobile"), ("手机", "手机号", "手机号码", "移动电话")),
    Column("email", _label(Profile, "email"), ("邮箱", "电子邮件", "电子邮箱", "e-mail")),
    Column("birthday", _label(Profile, "birthday"), ("生日", "出生日期", "date of birth")),
    Column("anniversary", _label(Profile, "anniversary"), ("纪念日", "结婚纪念日")),
    Column("language", _label(Profile, "language"), ("语言",)),
    Column("vip_level", _label(Profile, "vip_level"), ("vip", "VIP等级", "贵宾等级")),
    Column("marketing_consent", _label(Profile, "marketing_consent"), ("marketing consent", "营销许可", "同意营销")),
    Column("notes", _label(Profile, "notes"), ("备注", "remarks")),
    *PREFERENCE_COLUMNS,
)

# An example row for the template files, in the words a Chinese sales office would write.
ACCOUNT_EXAMPLE = {
    "name": "上海东方国际贸易有限公司", "kind": "公司", "segment": "商务", "status": "活跃",
    "phone": "021-62345678", "email": "info@dongfang-trade.cn", "address": "上海市浦东新区世纪大道100号",
    "letter_language": "中文", "payment_terms_days": "30", "notes": "年会客户，每年十二月",
}  # fmt: skip
PROFILE_EXAMPLE = {
    "name": "王芳", "account": "上海东方国际贸易有限公司", "title": "行政经理", "mobile": "13800138000",
    "email": "wangfang@dongfang-trade.cn", "birthday": "1988-08-08", "language": "中文", "marketing_consent": "是",
    "notes": "常住客人", "allergy": "花生；海鲜", "dietary": "素食", "room": "高楼层；无烟房",
}  # fmt: skip

# The Chinese words people write for each choice, besides its code and its label in each language.
KIND_WORDS = {
    Account.Kind.COMPANY: ("公司", "企业"),
    Account.Kind.TRAVEL_AGENCY: ("旅行社",),
    Account.Kind.GOVERNMENT: ("政府", "政府机关"),
    Account.Kind.ASSOCIATION: ("协会", "社团"),
    Account.Kind.PRIVATE: ("个人", "私人"),
}
SEGMENT_WORDS = {
    Segment.CORPORATE: ("商务", "公司", "企业"),
    Segment.GOVERNMENT: ("政府",),
    Segment.TRAVEL_AGENCY: ("旅行社", "批发商"),
    Segment.MICE: ("会议", "会展"),
    Segment.WEDDING: ("婚宴", "婚礼"),
    Segment.SOCIAL: ("社团", "协会"),
    Segment.LEISURE: ("散客", "休闲"),
}
STATUS_WORDS = {
    Account.Status.PROSPECT: ("潜在", "潜在客户"),
    Account.Status.ACTIVE: ("活跃", "有效", "合作中"),
    Account.Status.INACTIVE: ("停用", "无效", "不活跃"),
}
LANGUAGE_WORDS = {"zh-hans": ("zh", "cn", "中文", "简体中文", "汉语"), "en": ("英文", "英语")}
YES_WORDS = ("yes", "y", "true", "1", "是", "同意", "√")
NO_WORDS = ("no", "n", "false", "0", "否", "不同意", "×")
# The links are looked up once per file (owner by user name, account by name, VIP level by code), not per row.
ACCOUNT_FORM_FIELDS = [name for name in AccountForm._meta.fields if name != "owner"]
PROFILE_FORM_FIELDS = [name for name in ProfileForm._meta.fields if name not in ("account", "vip_level")]
PREFERENCE_SEPARATOR = re.compile(r"[;；\n]")


@dataclass
class ImportResult:
    """What an import did, or (a check, or a rejected file) would do: nothing is created when there are errors."""

    rows: int
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    preferences: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def check_accounts(*, rows: list[Row]) -> ImportResult:
    """Validate every row as import_accounts would, writing nothing: the preview of an import."""
    _accounts, errors = _read_accounts(rows)
    return ImportResult(rows=len(rows), errors=errors)


@transaction.atomic
def import_accounts(*, rows: list[Row], by=None) -> ImportResult:
    """Create one account per row, or none at all when any row has an error."""
    accounts, errors = _read_accounts(rows)
    if errors:
        return ImportResult(rows=len(rows), errors=errors)
    bulk_create_with_history(
        accounts, Account, batch_size=BATCH_SIZE, default_user=by, default_change_reason=_("Imported from a file")
    )
    analyze_after_load(Account, Account.history.model, rows=len(accounts))
    return ImportResult(rows=len(rows), created=len(accounts))


def check_profiles(*, rows: list[Row]) -> ImportResult:
    """Validate every row as import_profiles would, writing nothing: the preview of an import."""
    _profiles, errors = _read_profiles(rows)
    return ImportResult(rows=len(rows), errors=errors)


@transaction.atomic
def import_profiles(*, rows: list[Row], by=None) -> ImportResult:
    """Create one guest profile per row with its preferences, or nothing at all when any row has an error."""
    read, errors = _read_profiles(rows)
    if errors:
        return ImportResult(rows=len(rows), errors=errors)
    profiles = [profile for profile, _preferences in read]
    bulk_create_with_history(
        profiles, Profile, batch_size=BATCH_SIZE, default_user=by, default_change_reason=_("Imported from a file")
    )
    preferences = [preference for _profile, preferences in read for preference in preferences]
    Preference.objects.bulk_create(preferences, batch_size=BATCH_SIZE)  # their profiles now have ids
    analyze_after_load(Profile, Profile.history.model, Preference, rows=len(profiles) + len(preferences))
    return ImportResult(rows=len(rows), created=len(profiles), preferences=len(preferences))


def choice_converter(choices, words: dict[str, tuple[str, ...]]) -> Callable[[str], str]:
    """A converter from whatever people write for a choice (code, label in any language, Chinese word) to its code."""
    codes = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            codes.update({folded(str(label)): code for code, label in choices})
    codes.update({folded(word): code for code, written in words.items() for word in written})
    codes.update({folded(code): code for code, _label in choices})

    def convert(text: str) -> str:
        if (code := codes.get(folded(text))) is None:
            allowed = word_list(label for _code, label in choices)
            raise ValueError(
                _("“%(value)s” is not one of: %(allowed)s.") % {"value": excerpt(text), "allowed": allowed}
            )
        return code

    return convert


def _yes_no() -> Callable[[str], bool]:
    yes, no = {folded(word) for word in YES_WORDS}, {folded(word) for word in NO_WORDS}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            yes.add(folded(_("Yes")))
            no.add(folded(_("No")))

    def convert(text: str) -> bool:
        if folded(text) in yes:
            return True
        if folded(text) in no:
            return False
        raise ValueError(_("Write yes or no (是/否), not “%(value)s”.") % {"value": excerpt(text)})

    return convert


def _looked_up(found: dict[str, int], message: str) -> Callable[[str], int]:
    def convert(text: str) -> int:
        if (pk := found.get(text.casefold())) is None:
            raise ValueError(message % {"value": excerpt(text)})
        return pk

    return convert


def form_data(model: type[models.Model], fields: Iterable[str], data: dict) -> dict:
    """What the edit form would post: the converted cells, and the model's defaults for the empty ones."""
    posted = {}
    for name in fields:
        model_field = model._meta.get_field(name)
        if name in data:
            posted[name] = data[name]
        elif model_field.has_default():
            posted[name] = model_field.get_default()
    return posted


def add_form_errors(row: Row, form, row_errors: list[RowError]) -> None:
    """Add the form's errors, except on cells that already have one (a bad value left out, then 'required')."""
    reported = {error.column for error in row_errors}
    for name, messages in form.errors.items():
        column = "" if name == "__all__" else name
        if column not in reported:
            row_errors.extend(RowError(row.number, column, message) for message in messages)


def _read_accounts(rows: list[Row]) -> tuple[list[Account], list[RowError]]:
    owners = {user.get_username().casefold(): user.pk for user in staff_who_sell()}
    converters = {
        "kind": choice_converter(Account.Kind.choices, KIND_WORDS),
        "segment": choice_converter(Segment.choices, SEGMENT_WORDS),
        "status": choice_converter(Account.Status.choices, STATUS_WORDS),
        "letter_language": choice_converter(LANGUAGE_CHOICES, LANGUAGE_WORDS),
        "owner": _looked_up(owners, _("No salesperson has the user name “%(value)s”.")),
    }
    numbered, errors, first_row = [], [], {}
    for row in rows:
        row_errors = []
        data = converted_cells(row, converters, row_errors)
        form = AccountForm(data=form_data(Account, ACCOUNT_FORM_FIELDS, data), sees_credit=True)
        if form.is_valid():
            account = form.save(commit=False)
            account.owner_id = data.get("owner")
            name = account.name.casefold()
            if name in first_row:
                message = _("The same name as row %(row)s.") % {"row": first_row[name]}
                row_errors.append(RowError(row.number, "name", message))
            first_row.setdefault(name, row.number)
            numbered.append((row.number, account))
        else:
            add_form_errors(row, form, row_errors)
        errors += row_errors

    existing = Account.objects.filter(name__in=[account.name for _number, account in numbered])
    taken = set(existing.values_list("name", flat=True))
    for number, account in numbered:
        if account.name in taken:
            message = _("An account called “%(name)s” already exists.") % {"name": excerpt(account.name)}
            errors.append(RowError(number, "name", message))
    return [account for _number, account in numbered], sorted(errors, key=lambda error: error.row)


def _accounts_named(names: set[str]) -> dict[str, list[int]]:
    found = defaultdict(list)
    for name, pk in Account.objects.filter(name__in=names).values_list("name", "pk"):
        found[name].append(pk)
    return found


def _read_profiles(rows: list[Row]) -> tuple[list[tuple[Profile, list[Preference]]], list[RowError]]:
    accounts = _accounts_named({" ".join(row.values.get("account", "").split()) for row in rows} - {""})
    vip_levels = {code.casefold(): pk for pk, code in VipLevel.objects.filter(active=True).values_list("pk", "code")}
    converters = {
        "language": choice_converter(LANGUAGE_CHOICES, LANGUAGE_WORDS),
        "birthday": written_date,
        "anniversary": written_date,
        "marketing_consent": _yes_no(),
        "vip_level": _looked_up(vip_levels, _("No active VIP level has the code “%(value)s”.")),
    }
    read, errors, first_row = [], [], {}
    for row in rows:
        row_errors = []
        data = converted_cells(row, converters, row_errors)
        account_id = _account_id(row, accounts, row_errors)
        preferences = _preferences(row, row_errors)
        form = ProfileForm(data=form_data(Profile, PROFILE_FORM_FIELDS, data))
        if form.is_valid():
            profile = form.save(commit=False)
            profile.account_id, profile.vip_level_id = account_id, data.get("vip_level")
            if profile.mobile in first_row:
                message = _("The same mobile as row %(row)s.") % {"row": first_row[profile.mobile]}
                row_errors.append(RowError(row.number, "mobile", message))
            elif profile.mobile:
                first_row[profile.mobile] = row.number
            for preference in preferences:
                preference.profile = profile
            read.append((profile, preferences))
        else:
            add_form_errors(row, form, row_errors)
        errors += row_errors
    return read, errors


def _account_id(row: Row, accounts: dict[str, list[int]], errors: list[RowError]) -> int | None:
    name = " ".join(row.values.get("account", "").split())
    if not name:
        return None
    found = accounts.get(name, [])
    if len(found) == 1:
        return found[0]
    if found:
        message = _("Several accounts are called “%(name)s”; link the profile to one of them by hand.")
    else:
        message = _("No account is called “%(name)s”. Import the account first, or correct the name.")
    errors.append(RowError(row.number, "account", message % {"name": excerpt(name)}))
    return None


def _preferences(row: Row, errors: list[RowError]) -> list[Preference]:
    """The preferences in the allergy, dietary, room and other cells, several separated by ';' or '；'."""
    preferences = []
    for category in Preference.Category.values:
        for text in PREFERENCE_SEPARATOR.split(row.values.get(category, "")):
            if not text.strip():
                continue
            preference = Preference(category=category, text=text.strip())
            try:
                preference.full_clean(exclude=["profile"])
            except ValidationError as error:
                errors.extend(RowError(row.number, category, message) for message in error.messages)
            else:
                preferences.append(preference)
    return preferences
