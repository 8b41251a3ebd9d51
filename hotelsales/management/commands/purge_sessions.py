from hotelsales.management.dated import PurgeCommand
from hotelsales.purges import purge_expired_sessions


class Command(PurgeCommand):
    help = "Delete expired sign-in sessions (the nightly job), as of now or of the start of --date."
    job = purge_expired_sessions
