from hotelsales.management.dated import DatedJobCommand
from reservations.reports.daily_report import send_daily_report


class Command(DatedJobCommand):
    help = "Email the daily guest-status report of --date to the managers (once per date)."
    job = send_daily_report
