from django.urls import path

from hotelsales import views

app_name = "hotelsales"

urlpatterns = [
    path("", views.home, name="home"),
    path("jobs/", views.job_runs, name="job-runs"),
]
