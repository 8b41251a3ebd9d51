from django.urls import path

from hotelsales import views

app_name = "hotelsales"

urlpatterns = [
    path("jobs/", views.job_runs, name="job-runs"),
    path("exports/", views.export_list, name="exports"),
    path("exports/<int:pk>/", views.export_download, name="export-download"),
]
