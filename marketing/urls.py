from django.urls import path

from marketing.views import calendar, promotions
from marketing.views import plans as plan_views

app_name = "marketing"

urlpatterns = [
    path("plans/", plan_views.plan_list, name="plan-list"),
    path("plans/new/", plan_views.plan_create, name="plan-create"),
    path("plans/<int:year>/", plan_views.plan_detail, name="plan-detail"),
    path("plans/<int:year>/edit/", plan_views.plan_edit, name="plan-edit"),
    path("plans/<int:year>/targets/", plan_views.plan_targets, name="plan-targets"),
    path("plans/<int:year>/export/", plan_views.plan_export, name="plan-export"),
    path("calendar/", calendar.promotion_calendar, name="promotion-calendar"),
    path("promotions/", promotions.promotion_list, name="promotion-list"),
    path("promotions/new/", promotions.promotion_create, name="promotion-create"),
    path("promotions/<int:pk>/", promotions.promotion_detail, name="promotion-detail"),
    path("promotions/<int:pk>/edit/", promotions.promotion_edit, name="promotion-edit"),
]
