from django.urls import path

from marketing.views import audiences, calendar, campaigns, links, promotions, results, sms
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
    path("campaigns/", campaigns.campaign_list, name="campaign-list"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign-create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign-detail"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign-edit"),
    path("campaigns/<int:pk>/forecast/", campaigns.campaign_forecast, name="campaign-forecast"),
    path("campaigns/<int:pk>/progress/", campaigns.campaign_progress, name="campaign-progress"),
    path("campaigns/<int:pk>/submit/", campaigns.campaign_submit, name="campaign-submit"),
    path("campaigns/<int:pk>/approve/", campaigns.campaign_approve, name="campaign-approve"),
    path("campaigns/<int:pk>/send-back/", campaigns.campaign_send_back, name="campaign-send-back"),
    path("campaigns/<int:pk>/cancel/", campaigns.campaign_cancel, name="campaign-cancel"),
    path("campaigns/<int:pk>/calls/", campaigns.campaign_calls, name="campaign-calls"),
    path("campaigns/<int:pk>/calls/<int:call_pk>/", campaigns.campaign_call_record, name="campaign-call-record"),
    path("campaigns/<int:pk>/letters.pdf", campaigns.campaign_letters, name="campaign-letters-pdf"),
]
