from celery import shared_task
from django.utils import timezone

from clienthistory.import_jobs import check_import_job, purge_old_import_jobs, run_import_job


@shared_task(name="clienthistory.check_import_job")
def check_import_job_task(job_id: int) -> str:
    return check_import_job(job_id).state


@shared_task(name="clienthistory.run_import_job")
def run_import_job_task(job_id: int) -> str:
    return run_import_job(job_id).state


@shared_task(name="clienthistory.purge_old_import_jobs")
def purge_old_import_jobs_task() -> int:
    return purge_old_import_jobs(as_of=timezone.now()).pk
