from hotelsales.exports import purge_old_exports
from hotelsales.management.dated import PurgeCommand


class Command(PurgeCommand):
    help = "Delete export files older than EXPORT_KEEP_DAYS (the nightly job), as of now or of the start of --date."
    job = purge_old_exports
