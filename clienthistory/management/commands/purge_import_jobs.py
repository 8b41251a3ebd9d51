from clienthistory.import_jobs import purge_old_import_jobs
from hotelsales.management.dated import PurgeCommand


class Command(PurgeCommand):
    help = "Delete long imports older than EXPORT_KEEP_DAYS (the nightly job), as of now or of the start of --date."
    job = purge_old_import_jobs
