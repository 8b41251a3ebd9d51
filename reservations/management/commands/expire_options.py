from hotelsales.management.dated import DatedJobCommand
from reservations.sales.deadlines import expire_options


class Command(DatedJobCommand):
    help = "Tell owners about tentative bookings whose option date has passed (once per booking)."
    job = expire_options
