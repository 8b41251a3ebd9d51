from hotelsales.management.dated import DatedJobCommand
from reservations.sales.deadlines import apply_guarantee_deadlines


class Command(DatedJobCommand):
    help = "Make the expected count the guarantee of events whose guarantee is due and missing (R4)."
    job = apply_guarantee_deadlines
