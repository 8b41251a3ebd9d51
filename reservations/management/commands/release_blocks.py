from hotelsales.management.dated import DatedJobCommand
from reservations.rooms.blocks import release_expired_blocks


class Command(DatedJobCommand):
    help = "Give rooms of group blocks past their cutoff date that were not picked up back to inventory."
    job = release_expired_blocks
