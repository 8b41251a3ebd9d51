import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import AccountFactory, issued_invoice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_payment_against_two_invoices_changes_the_aging(cast, page, sign_in):
    today = timezone.localdate()
    account = AccountFactory(name="远景科技集团", payment_terms_days=0)
    older = issued_invoice(account, amount="3000", on=today - timedelta(days=45))
    newer = issued_invoice(account, amount="2000", on=today - timedelta(days=10))
    sign_in("receivables-user")

    page.goto("/receivables/aging/")
    row = page.locator(f'[data-account="{account.pk}"]')
    expect(row).to_contain_text("5,000.00")

    page.goto("/receivables/payments/new/")
    page.get_by_test_id("payment-form").locator("[name=account__search]").fill("远景")
    page.locator(f'[data-lookup-id="{account.pk}"]').click()
    expect(page.get_by_test_id("allocation-fields").locator("[data-allocation]")).to_have_count(2)
    page.fill("#id_amount", "4000")
    page.get_by_label(f"{older.number}", exact=False).fill("3000")
    page.get_by_label(f"{newer.number}", exact=False).fill("1000")
    page.get_by_test_id("payment-form").locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/receivables/payments/\d+/$"))

    page.goto("/receivables/aging/")
    row = page.locator(f'[data-account="{account.pk}"]')
    expect(row).to_contain_text("1,000.00")
    expect(row).not_to_contain_text("5,000.00")
