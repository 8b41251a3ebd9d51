from django.urls import path

from overview import views

app_name = "overview"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("sales-production/", views.sales_production_view, name="sales-production"),
]
