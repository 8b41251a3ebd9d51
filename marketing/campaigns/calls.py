"""A call list's calls (外呼) as the salespeople make them: the outcome of each, recorded on the call and on the
salesperson's call activity; a guest who asks not to be called again has their number opted out."""

from django.db import transaction

from marketing.channels.optouts import opt_out
from marketing.models import Call, Channel, OptOut


@transaction.atomic
def record_outcome(*, call: Call, outcome: str) -> Call:
    """Record how the call went (again, if it is corrected): the call activity is done with the outcome's words."""
    call = Call.objects.select_for_update(of=("self",)).select_related("touch__profile", "activity").get(pk=call.pk)
    call.outcome = outcome
    call.save(update_fields=["outcome"])
    call.activity.mark_done(outcome=str(call.get_outcome_display()))
    mobile = call.touch.profile.mobile
    if outcome == Call.Outcome.DO_NOT_CALL and mobile:
        opt_out(channel=Channel.CALL, address=mobile, source=OptOut.Source.STAFF)
    return call
