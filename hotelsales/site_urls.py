from django.urls import path

from hotelsales import views
from hotelsales.mailtemplates import views as mail_views

app_name = "hotelsales"

urlpatterns = [
    path("jobs/", views.job_runs, name="job-runs"),
    path("exports/", views.export_list, name="exports"),
    path("exports/<int:pk>/", views.export_download, name="export-download"),
    path("emails/templates/", mail_views.email_template_list, name="email-templates"),
    path("emails/templates/<slug:name>/<slug:language>/", mail_views.email_template_edit, name="email-template-edit"),
    path(
        "emails/templates/<slug:name>/<slug:language>/preview/",
        mail_views.email_template_preview,
        name="email-template-preview",
    ),
    path(
        "emails/templates/<slug:name>/<slug:language>/restore/",
        mail_views.email_template_restore,
        name="email-template-restore",
    ),
]
