from django.urls import path

from hotelsales import views

app_name = "hotelsales"

urlpatterns = [
    path("", views.home, name="home"),
    path("jobs/", views.job_runs, name="job-runs"),
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("sales-production/", views.sales_production_view, name="sales-production"),
    path("exports/", views.export_list, name="exports"),
    path("exports/<int:pk>/", views.export_download, name="export-download"),
]
