from datetime import datetime

from django.db import transaction

from clienthistory.models import Activity


@transaction.atomic
def log_activity(
    *, activity: Activity, done: bool = False, next_kind: str = "", next_due_at: datetime | None = None, now: datetime
) -> Activity | None:
    """Save the activity, mark it done when it is done now, and plan its next step (when it has a date) as the
    follow-up activity, with the same account, contact and owner: all of it or nothing. Returns the follow-up."""
    activity.full_clean()
    activity.save()
    if done and not activity.done:
        activity.mark_done(at=now)
    if next_due_at is None:
        return None
    follow_up = Activity(
        kind=next_kind or activity.kind,
        account=activity.account,
        contact=activity.contact,
        owner=activity.owner,
        due_at=next_due_at,
        purpose=activity.next_step,
    )
    follow_up.full_clean()
    follow_up.save()
    return follow_up
