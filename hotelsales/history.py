"""The audit trail (django-simple-history) turned into readable entries for the History tab.

A fixed number of queries whatever the length of the history: one for the records and their users, and one
per kind of related object that a change shown names (none when no relation changed).
"""

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from hotelsales.punctuation import word_list

KINDS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _display(model_field, value, labels) -> str:
    if value is None or value == "":
        return "—"
    if model_field.is_relation:
        return labels[model_field.related_model].get(value, f"#{value}")
    if isinstance(value, list):  # an ArrayField: its items, each as its base field shows it
        return word_list(_display(model_field.base_field, item, labels) for item in value) or "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    return str(formats.localize(value))


def history_entries(
    instance, *, limit: int = 50, hidden: Collection[str] = (), shown_as: Mapping[str, Callable] | None = None
) -> list[HistoryEntry]:
    """The newest `limit` changes of `instance`, each with the fields it changed, their old and new values.

    The fields named in `hidden` hold what the person looking may not see (an account's credit data for the front
    desk): their values are left out, and so is a change that changed nothing else. `shown_as` gives the words of
    the values of fields a page says in its own way (a segment's rules), without queries of their own."""
    shown_as = shown_as or {}
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    tracked = {f.name for f in instance.history.model._meta.fields}
    fields = [f for f in instance._meta.concrete_fields if f.name in tracked and not f.primary_key]
    shown = [f for f in fields if f.name not in hidden]

    pairs = list(zip(records[:limit], [*records[1:], None], strict=False))
    wanted = defaultdict(set)  # the related objects named by the changes shown, not every record's
    for newer, older in pairs:
        if newer.history_type != "~" or older is None:
            continue
        for model_field in shown:
            if not model_field.is_relation:
                continue
            values = {getattr(older, model_field.attname), getattr(newer, model_field.attname)}
            if len(values) == 2:
                wanted[model_field.related_model].update(values - {None})
    labels = {
        model: {obj.pk: str(obj) for obj in model._base_manager.filter(pk__in=ids)} for model, ids in wanted.items()
    }

    entries = []
    for newer, older in pairs:
        entry = HistoryEntry(
            when=newer.history_date,
            who=(newer.history_user.get_full_name() or newer.history_user.get_username()) if newer.history_user else "",
            kind=str(KINDS[newer.history_type]),
            reason=newer.history_change_reason or "",
        )
        if newer.history_type == "~" and older is not None:
            changed = [f for f in fields if getattr(older, f.attname) != getattr(newer, f.attname)]
            if changed and all(f.name in hidden for f in changed):
                continue
            entry.changes = [
                Change(
                    str(f.verbose_name),
                    *(
                        shown_as[f.name](value) if f.name in shown_as else _display(f, value, labels)
                        for value in (getattr(older, f.attname), getattr(newer, f.attname))
                    ),
                )
                for f in changed
                if f.name not in hidden
            ]
        entries.append(entry)
    return entries
