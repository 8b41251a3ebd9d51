import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotelsales.settings")

app = Celery("hotelsales")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
