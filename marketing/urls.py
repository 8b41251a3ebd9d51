from django.urls import path

from marketing.views import calendar, links, promotions, sms

app_name = "marketing"

urlpatterns = [
    path("calendar/", calendar.promotion_calendar, name="promotion-calendar"),
    path("promotions/", promotions.promotion_list, name="promotion-list"),
    path("promotions/new/", promotions.promotion_create, name="promotion-create"),
    path("promotions/<int:pk>/", promotions.promotion_detail, name="promotion-detail"),
    path("promotions/<int:pk>/edit/", promotions.promotion_edit, name="promotion-edit"),
    path("sms/inbound/", sms.sms_inbound, name="sms-inbound"),
    path("l/<str:token>/", links.click, name="click"),
    path("unsubscribe/<str:token>/", links.unsubscribe_page, name="unsubscribe"),
]
