from django.core.management.base import BaseCommand

from .seed_demo import DEMO_MODERATOR, DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print the portal's address and a demo login for each role."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1:8000")

    def handle(self, *args, host, **options):
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"The portal is at http://{host}/"))
        self.stdout.write(f"Staff admin: http://{host}/staff/")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, name, group, profession, staff in DEMO_USERS:
            role = "staff" if staff else (profession or group)
            self.stdout.write(f"  {role:<14} {email}   ({name})")
        email, name = DEMO_MODERATOR[:2]
        self.stdout.write(f"  {'moderator':<14} {email}   ({name}, Moderators group)")
        self.stdout.write("")
