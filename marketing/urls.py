from django.urls import path

from marketing.views import audiences, calendar, links, promotions, results, sms
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
    path("campaigns/overview/", results.campaign_overview, name="campaign-overview"),
    path("campaigns/overview/export/", results.campaign_overview_export, name="campaign-overview-export"),
    path("campaigns/<int:pk>/results/", results.campaign_results, name="campaign-results"),
    path("sms/inbound/", sms.sms_inbound, name="sms-inbound"),
    path("l/<str:token>/", links.click, name="click"),
    path("unsubscribe/<str:token>/", links.unsubscribe_page, name="unsubscribe"),
    path("segments/", audiences.audience_list, name="audience-list"),
    path("segments/new/", audiences.audience_create, name="audience-create"),
    path("segments/preview/", audiences.audience_preview, name="audience-preview"),
    path("segments/rule/", audiences.audience_rule_row, name="audience-rule-row"),
    path("segments/rule/fields/", audiences.audience_rule_fields, name="audience-rule-fields"),
    path("segments/<int:pk>/", audiences.audience_detail, name="audience-detail"),
    path("segments/<int:pk>/edit/", audiences.audience_edit, name="audience-edit"),
    path("segments/<int:pk>/count/", audiences.audience_count, name="audience-count"),
    path("segments/<int:pk>/export/", audiences.audience_export, name="audience-export"),
]
