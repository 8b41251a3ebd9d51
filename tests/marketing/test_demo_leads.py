"""The demo's leads: twenty of the last 60 days from every source and in every state, answered in time or late,
converted into bookings or lost with a reason, so that the lead list and the lead report have something to show."""

from datetime import timedelta

from django.conf import settings
from django.db.models import F

from marketing.leads.report import lead_report
from marketing.models import Lead


def test_the_demo_has_leads_of_every_source_and_state(db, demo):
    assert demo.counts["leads"] == 20
    assert set(Lead.objects.values_list("source", flat=True)) == set(Lead.Source.values)
    assert set(Lead.objects.values_list("status", flat=True)) == set(Lead.Status.values)
    assert not Lead.objects.filter(received_at__date__lt=demo.today - timedelta(days=60)).exists()
    assert not Lead.objects.filter(received_at__date__gt=demo.today).exists()
    assert Lead.objects.filter(reference__regex=r"^L\d{4}-\d{5}$").count() == 20


def test_some_were_answered_in_time_some_late_and_the_converted_point_at_bookings(db, demo):
    limit = timedelta(hours=settings.LEAD_RESPONSE_HOURS)
    answered = Lead.objects.filter(first_response_at__isnull=False)
    assert answered.filter(first_response_at__lte=F("received_at") + limit).exists()
    assert answered.filter(first_response_at__gt=F("received_at") + limit).exists()
    converted = Lead.objects.filter(status="converted")
    assert converted.count() >= 3
    assert not converted.filter(booking__isnull=True).exists()
    assert not converted.filter(booking__created_at__lt=F("received_at")).exists()
    assert not Lead.objects.filter(status="lost", lost_reason="").exists()
    assert not Lead.objects.exclude(status="converted").filter(booking__isnull=False).exists()


def test_the_lead_report_shows_them(db, demo):
    report = lead_report(since=demo.today - timedelta(days=60), until=demo.today)
    assert report.total.received == 20
    assert report.total.converted >= 3
    assert report.total.value > 0
