"""The demo's credit holds are the few a hotel has, so that the flag means something."""

import pytest

from clienthistory.models import Account

pytestmark = pytest.mark.django_db


def test_a_few_percent_of_the_demo_accounts_are_on_credit_hold(demo):
    held = Account.objects.filter(credit_hold=True).count()
    assert 0 < held <= Account.objects.count() * 0.05
