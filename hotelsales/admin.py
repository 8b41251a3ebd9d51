from django.contrib import admin

from hotelsales.models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ["job", "on_date", "started_at", "finished_at", "status"]
    list_filter = ["job", "status"]
    readonly_fields = ["job", "on_date", "started_at", "finished_at", "status", "counts", "error"]
