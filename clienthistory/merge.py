"""Merging a duplicate guest profile into the one kept, losing no history.

Locking order: both profiles' rows, in id order, so two people merging the same pair either way round take turns;
then the rows pointing at the dropped profile, model by model (as Profile's relations are listed) in id order.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clienthistory.models import Preference, Profile
from hotelsales.punctuation import clause_list, label

# Filled on the kept profile when it has no value of its own; a different value is noted instead.
FILLED_FIELDS = ["account", "title", "mobile", "email", "birthday", "anniversary"]


@transaction.atomic
def merge_profiles(*, keep: Profile, drop: Profile, by=None) -> Profile:
    """Merge the duplicate `drop` into `keep`, losing nothing.

    Every row that points at `drop` (activities, preferences, and whatever later apps link to a profile:
    stays, events, complaints) is moved to `keep`. Empty fields of `keep` are filled from `drop`; values that
    differ are written into the notes. `drop` stays, marked as merged, so both audit histories remain.
    """
    if keep.pk == drop.pk:
        raise ValidationError(_("A profile cannot be merged into itself."))
    locked = {p.pk: p for p in Profile.objects.select_for_update().filter(pk__in=[keep.pk, drop.pk]).order_by("pk")}
    keep, drop = locked[keep.pk], locked[drop.pk]
    if keep.merged_into_id or drop.merged_into_id:
        raise ValidationError(_("One of these profiles has already been merged."))

    _move_related_rows(keep=keep, drop=drop)
    _remove_repeated_preferences(keep)

    differences = []
    for name in FILLED_FIELDS:
        kept, dropped = getattr(keep, name), getattr(drop, name)
        if dropped in (None, ""):
            continue
        if kept in (None, ""):
            setattr(keep, name, dropped)
        elif kept != dropped:
            differences.append(label(Profile._meta.get_field(name).verbose_name) + str(dropped))
    if drop.vip_level_id and (not keep.vip_level_id or drop.vip_level.rank < keep.vip_level.rank):
        keep.vip_level = drop.vip_level
    note = _("Merged from %(name)s (#%(pk)s)") % {"name": drop.name, "pk": drop.pk}
    if differences:
        note = label(note) + clause_list(differences)
    if drop.notes:
        note += "\n" + drop.notes
    keep.notes = f"{keep.notes}\n{note}".strip()
    keep._change_reason = note.splitlines()[0]
    keep._history_user = by
    keep.full_clean()
    keep.save()

    drop.merged_into = keep
    drop._change_reason = _("Merged into %(name)s (#%(pk)s)") % {"name": keep.name, "pk": keep.pk}
    drop._history_user = by
    drop.save(update_fields=["merged_into"])
    return keep


def _move_related_rows(*, keep: Profile, drop: Profile) -> None:
    """Point every foreign key to `drop` at `keep`, saving row by row so audited rows record the move."""
    for relation in Profile._meta.related_objects:
        if not (relation.one_to_many or relation.one_to_one):
            continue
        field = relation.field.name
        for row in relation.related_model._base_manager.filter(**{field: drop}).order_by("pk"):
            setattr(row, field, keep)
            row.save(update_fields=[field])


def _remove_repeated_preferences(profile: Profile) -> None:
    seen = set()
    for preference in Preference.objects.filter(profile=profile).order_by("pk"):
        key = (preference.category, preference.text.strip().lower())
        if key in seen:
            preference.delete()
        seen.add(key)
