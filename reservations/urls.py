from django.urls import path

from reservations.views import blocks, bookings, diary, events, feedback, rooms

app_name = "reservations"

urlpatterns = [
    path("bookings/", bookings.booking_list, name="booking-list"),
    path("bookings/new/", bookings.booking_create, name="booking-create"),
    path("bookings/lookup/", bookings.booking_lookup, name="booking-lookup"),
    path("bookings/<int:pk>/", bookings.booking_detail, name="booking-detail"),
    path("bookings/<int:pk>/edit/", bookings.booking_edit, name="booking-edit"),
    path("bookings/<int:pk>/status/", bookings.booking_status, name="booking-status"),
    path("bookings/<int:pk>/deposits/", bookings.booking_deposits, name="booking-deposits"),
    path("events/new/", events.event_create, name="event-create"),
    path("events/<int:pk>/", events.event_edit, name="event-edit"),
    path("events/<int:pk>/delete/", events.event_delete, name="event-delete"),
    path("diary/", diary.diary, name="diary"),
    path("feedback/<str:token>/", feedback.feedback, name="feedback"),
    path("rooms/new/", rooms.reservation_create, name="reservation-create"),
    path("rooms/availability/options/", rooms.availability_options, name="availability-options"),
    path("rooms/availability/", rooms.availability_grid, name="availability"),
    path("rooms/guest-summary/", rooms.guest_summary, name="guest-summary"),
    path("rooms/front-desk/", rooms.front_desk, name="front-desk"),
    path("rooms/<int:pk>/", rooms.reservation_detail, name="reservation-detail"),
    path("rooms/<int:pk>/action/", rooms.reservation_action, name="reservation-action"),
    path("bookings/<int:booking_pk>/block/new/", blocks.block_create, name="block-create"),
    path("blocks/<int:pk>/", blocks.block_detail, name="block-detail"),
]
