"""A guest's personal data: everything held about them, on request, and erasing it.

Locking order: anonymising locks the profile's row, then deletes its preferences and rewrites its audit history.
"""

from django.core import serializers
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clienthistory.models import Profile

PERSONAL_FIELDS = {
    "title": "",
    "mobile": "",
    "email": "",
    "birthday": None,
    "anniversary": None,
    "notes": "",
    "marketing_consent": False,
}


def export_profile_data(profile: Profile) -> dict:
    """Everything held about one guest: the profile, its audit history, and every row that points at it."""
    related = {}
    for relation in Profile._meta.related_objects:
        if not (relation.one_to_many or relation.one_to_one):
            continue
        rows = relation.related_model._base_manager.filter(**{relation.field.name: profile})
        if rows.exists():
            related[relation.related_model._meta.label] = serializers.serialize("python", rows)
    return {
        "exported_at": timezone.now().isoformat(),
        "profile": serializers.serialize("python", [profile])[0],
        "history": serializers.serialize("python", profile.history.all()),
        "related": related,
    }


@transaction.atomic
def anonymise_profile(*, profile: Profile, by=None) -> Profile:
    """Erase a guest's personal data on request, keeping the profile row so stays and invoices stay intact.

    The audit history is erased too: it holds the same personal data.
    """
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    profile.name = _("Anonymised guest #%(pk)s") % {"pk": profile.pk}
    for field, blank in PERSONAL_FIELDS.items():
        setattr(profile, field, blank)
    profile.anonymised_at = timezone.now()
    profile.preferences.all().delete()
    profile.history.all().update(name=profile.name, **PERSONAL_FIELDS)
    profile._history_user = by
    profile._change_reason = _("Anonymised on request")
    profile.save()
    return profile
