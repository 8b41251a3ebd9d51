"""Ids are written as plain digits wherever they go (links, form values, lookups); counts shown to people are
grouped by thousands."""

import pytest
from django.urls import reverse

from hotelsales.models import Export
from tests.factories import AccountFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_id_above_a_thousand_is_written_without_separators(client_for, language):
    account = AccountFactory(pk=123456, name="华为技术")
    client = client_for("sales")
    lookup = client.get(reverse("clienthistory:account-lookup"), {"q": "华为"}, HTTP_ACCEPT_LANGUAGE=language)
    assert 'data-lookup-id="123456"' in lookup.content.decode()
    detail = client.get(account.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f"{reverse('clienthistory:profile-create')}?account=123456" in detail


def test_a_long_export_shows_its_rows_grouped(client_for, cast):
    Export.objects.create(requested_by=cast["sales"], table="t", language="en", filename="big.xlsx", rows=150000)
    page = client_for("sales").get(reverse("hotelsales:exports"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">150,000<" in page
