from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clienthistory.credit import assess_credit
from clienthistory.models import CreditAssessment
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db

LAST_WEEK = timezone.localdate() - timedelta(days=8)


def test_the_newest_assessment_becomes_the_current_rating(cast):
    account = AccountFactory()
    assess_credit(account=account, rating="B", limit=Decimal("50000"), reviewer=cast["receivables"],
                  assessed_on=date(2026, 3, 1))  # fmt: skip
    assess_credit(account=account, rating="A", limit=Decimal("120000"), reviewer=cast["manager"],
                  assessed_on=date(2026, 9, 1))  # fmt: skip
    account.refresh_from_db()
    assert (account.credit_rating, account.credit_limit) == ("A", Decimal("120000.00"))
    assert account.credit_assessments.count() == 2


def test_a_back_dated_assessment_joins_the_history_only(cast):
    account = AccountFactory()
    assess_credit(account=account, rating="A", limit=Decimal("100000"), reviewer=cast["manager"],
                  assessed_on=date(2026, 9, 1))  # fmt: skip
    assess_credit(account=account, rating="D", limit=Decimal("0"), reviewer=cast["manager"],
                  assessed_on=date(2025, 1, 1))  # fmt: skip
    account.refresh_from_db()
    assert account.credit_rating == "A"
    assert [a.rating for a in account.credit_assessments.all()] == ["A", "D"]


def test_the_receivables_clerk_records_an_assessment(client_for, cast):
    account = AccountFactory()
    response = client_for("receivables").post(
        reverse("clienthistory:credit-assess", args=[account.pk]),
        {"assessed_on": LAST_WEEK, "rating": "C", "limit": "20000.50", "note": "逾期两次"},
    )
    assert response.status_code == 302
    assessment = CreditAssessment.objects.get()
    assert (assessment.reviewer, assessment.limit) == (cast["receivables"], Decimal("20000.50"))
    account.refresh_from_db()
    assert account.credit_rating == "C"


def test_a_negative_limit_is_refused(client_for):
    account = AccountFactory()
    response = client_for("manager").post(
        reverse("clienthistory:credit-assess", args=[account.pk]),
        {"assessed_on": LAST_WEEK, "rating": "C", "limit": "-1"},
    )
    assert response.status_code == 400
    assert "limit" in response.context["form"].errors
    assert not CreditAssessment.objects.exists()
