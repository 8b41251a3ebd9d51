from django.conf import settings
from django.core.management.base import BaseCommand

from hotelsales.demo import DEMO_USERS


class Command(BaseCommand):
    help = "Print the app's address and the demo sign-ins (demo only)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args, url, **options):
        self.stdout.write(f"\nHotel Sales is starting at {url}\n")
        self.stdout.write(f"Demo sign-ins (demo only), password: {settings.DEMO_PASSWORD}")
        for username, name, role in DEMO_USERS:
            self.stdout.write(f"  {username:<12} {role.label} ({name})")
        self.stdout.write("Press Ctrl-C to stop the web server, worker and scheduler.\n")
