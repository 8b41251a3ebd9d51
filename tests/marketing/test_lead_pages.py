"""The leads' pages: the list (flat query count), a lead, and its answers: contacted, lost, converted."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from clienthistory.models import Account
from marketing.models import Lead
from reservations.models import Booking
from tests.factories import AccountFactory, LeadFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_status_and_owner_in_a_flat_number_of_queries(
    client_for, cast, django_assert_max_num_queries
):
    LeadFactory.create_batch(3, owner=cast["sales"])
    LeadFactory.create_batch(30, status="lost", lost_reason="预算不足")
    client = client_for("sales")
    with django_assert_max_num_queries(12):
        response = client.get("/marketing/leads/", {"status": "new", "owner": cast["sales"].pk})
    assert len(response.context["listing"].page.object_list) == 3
    with django_assert_max_num_queries(12):
        assert client.get("/marketing/leads/").status_code == 200


def test_the_detail_page_shows_the_account_the_lead_matches(client_for, django_assert_max_num_queries):
    account = AccountFactory(name="蓝海科技有限公司")
    lead = LeadFactory(company="蓝海科技有限公司")
    client = client_for("sales")
    with django_assert_max_num_queries(12):
        response = client.get(f"/marketing/leads/{lead.pk}/")
    assert response.context["account"] == account


def test_marking_contacted_keeps_the_first_response():
    lead = LeadFactory()
    at = timezone.now()
    lead.mark_contacted(at=at)
    lead.mark_contacted(at=at + timedelta(hours=1))
    assert (lead.status, lead.first_response_at) == ("contacted", at)


def test_the_contacted_button(client_for):
    lead = LeadFactory()
    assert client_for("sales").post(f"/marketing/leads/{lead.pk}/contacted/").status_code == 302
    lead.refresh_from_db()
    assert lead.status == "contacted"
    assert lead.first_response_at is not None


def test_a_lead_is_lost_with_a_reason_only(client_for):
    lead = LeadFactory()
    client = client_for("manager")
    assert client.post(f"/marketing/leads/{lead.pk}/lost/", {"reason": "  "}).status_code == 400
    assert client.post(f"/marketing/leads/{lead.pk}/lost/", {"reason": "选了别家酒店"}).status_code == 302
    lead.refresh_from_db()
    assert (lead.status, lead.lost_reason) == ("lost", "选了别家酒店")


def test_the_convert_form_is_filled_in_from_the_lead(client_for, django_assert_max_num_queries):
    contact = ProfileFactory(account=AccountFactory(), mobile="13955556666")
    lead = LeadFactory(mobile="13955556666", kind="meeting", guests=80)
    client = client_for("sales")
    with django_assert_max_num_queries(20):
        response = client.get(f"/marketing/leads/{lead.pk}/convert/")
    form, event_form = response.context["form"], response.context["event_form"]
    assert (form["contact"].value(), form["account"].value(), form["kind"].value()) == (
        contact.pk, contact.account_id, "conference"
    )  # fmt: skip
    assert event_form["expected"].value() == 80


def test_converting_makes_the_account_contact_and_booking_once(client_for, cast):
    lead = LeadFactory(company="星辰婚庆", contact_name="王芳", mobile="13811112222", email="wf@example.com")
    client = client_for("sales")
    form = client.get(f"/marketing/leads/{lead.pk}/convert/").context["form"]
    data = {name: value for name in form.fields if (value := form[name].value()) not in (None, "")}
    data.update(segment="wedding", status="prospect", with_event="")
    response = client.post(f"/marketing/leads/{lead.pk}/convert/", data)
    assert response.status_code == 302, response.context["form"].errors
    lead.refresh_from_db()
    booking = Booking.objects.get()
    assert (lead.status, lead.booking) == ("converted", booking)
    assert booking.account.name == "星辰婚庆"
    assert booking.contact.mobile == "13811112222"
    assert client.post(f"/marketing/leads/{lead.pk}/convert/", data).status_code == 302  # closed: back to the lead
    assert Account.objects.count() == 1
    assert Booking.objects.count() == 1
    assert Lead.objects.get().status == "converted"


def test_the_convert_form_starts_the_event_on_the_preferred_date(client_for):
    day = timezone.localdate() + timedelta(days=90)
    wedding = LeadFactory(kind="wedding", preferred_date=day)
    meeting = LeadFactory(kind="meeting", preferred_date=day)
    client = client_for("sales")
    evening = client.get(f"/marketing/leads/{wedding.pk}/convert/").context["event_form"]
    working_day = client.get(f"/marketing/leads/{meeting.pk}/convert/").context["event_form"]
    assert timezone.localtime(evening.initial["start"]).time() == time(18)
    assert timezone.localtime(evening.initial["end"]).time() == time(22)
    assert timezone.localtime(working_day.initial["start"]).time() == time(9)
    assert timezone.localdate(working_day.initial["end"]) == day


def test_a_new_clients_wedding_is_in_the_wedding_segment_until_the_salesperson_says_otherwise(client_for):
    client = client_for("sales")
    wedding = client.get(f"/marketing/leads/{LeadFactory(kind='wedding', company='').pk}/convert/")
    banquet = client.get(f"/marketing/leads/{LeadFactory(kind='banquet', company='').pk}/convert/")
    assert wedding.context["form"].initial["segment"] == "wedding"
    assert "segment" not in banquet.context["form"].initial
