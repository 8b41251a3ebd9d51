from django.urls import path

from overview import views

app_name = "overview"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("sales-production/", views.sales_production_view, name="sales-production"),
    path("targets/", views.targets_view, name="targets"),
    path("targets/edit/", views.targets_edit, name="targets-edit"),
    path("forecast/", views.forecast_view, name="forecast"),
    path("forecast/weights/", views.forecast_weights, name="forecast-weights"),
]
