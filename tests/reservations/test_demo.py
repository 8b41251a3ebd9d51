from django.db.models import F

from reservations.functionspace.claims import sections_of
from reservations.models import Booking, Event, EventResource, FunctionRoom, SpaceClaim
from reservations.sales.estimates import estimate


def test_the_demo_has_a_hotels_function_space_and_business_that_never_double_books(db, demo):
    ballroom = FunctionRoom.objects.get(name_zh="大宴会厅")
    assert sorted(ballroom.sections.values_list("name_zh", flat=True)) == ["宴会厅A", "宴会厅B", "宴会厅C"]
    assert ballroom.setups.get(style="banquet").max_capacity == 600
    assert (
        FunctionRoom.objects.filter(name_zh__in=["牡丹厅", "芙蓉厅", "紫荆厅", "海棠厅", "兰花厅", "桂花厅"]).count()
        == 6
    )
    assert FunctionRoom.objects.filter(name_zh__startswith="贵宾厅").count() == 2

    assert set(Booking.objects.values_list("status", flat=True)) == set(Booking.Status.values)
    # The rooms demo adds its group bookings with blocks; the function-space demo makes the others.
    assert 40 <= Booking.objects.filter(block__isnull=True).count() <= 80
    assert Event.objects.filter(pricing="per_table", tables__gt=0, menu__contains="北京烤鸭").exists()
    assert EventResource.objects.exists()

    overlapping = SpaceClaim.objects.filter(
        holds=True,
        section__claims__holds=True,
        section__claims__span__overlap=F("span"),
        section__claims__id__gt=F("id"),
    )
    assert not overlapping.exists()
    for event in Event.objects.select_related("booking", "room").prefetch_related("claims"):
        claims = list(event.claims.all())
        assert {claim.section_id for claim in claims} == {section.pk for section in sections_of(event.room)}
        assert all((claim.span.lower, claim.span.upper) == event.span for claim in claims)
        assert all(claim.holds == event.booking.holds_space for claim in claims)
        assert event.estimated_total == estimate(event).total

    from reservations.sales.estimates import refresh_estimates

    stored = dict(Booking.objects.values_list("pk", "estimated_value"))
    for booking in Booking.objects.all():
        refresh_estimates(booking)
    assert dict(Booking.objects.values_list("pk", "estimated_value")) == stored
