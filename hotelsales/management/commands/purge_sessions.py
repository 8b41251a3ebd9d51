from hotelsales.housekeeping import purge_expired_sessions
from hotelsales.management.dated import PurgeCommand


class Command(PurgeCommand):
    help = "Delete expired sign-in sessions (the nightly job), as of now or of the start of --date."
    job = purge_expired_sessions
