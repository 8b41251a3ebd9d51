"""Credit assessments (资信评估): each one recorded, the newest by date setting the account's rating and limit.

Locking order: the account's row, so that two assessments recorded at once agree on which is the newest.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from clienthistory.models import Account, CreditAssessment


@transaction.atomic
def assess_credit(
    *, account: Account, rating: str, limit: Decimal, reviewer, assessed_on: date, note: str = ""
) -> CreditAssessment:
    """Record a credit assessment; the newest by date becomes the account's current rating and limit.

    A back-dated assessment joins the history without overriding a newer one.
    """
    account = Account.objects.select_for_update().get(pk=account.pk)
    assessment = CreditAssessment(
        account=account, rating=rating, limit=limit, reviewer=reviewer, assessed_on=assessed_on, note=note
    )
    assessment.full_clean()
    assessment.save()
    current = account.credit_assessments.order_by("-assessed_on", "-id").first()
    if (account.credit_rating, account.credit_limit) != (current.rating, current.limit):
        account.credit_rating, account.credit_limit = current.rating, current.limit
        account.save(update_fields=["credit_rating", "credit_limit"])
    return assessment
