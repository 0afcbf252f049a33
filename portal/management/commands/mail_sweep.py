from django.core.management.base import BaseCommand

from portal.mail import mail_retry_failed, mail_sweep


class Command(BaseCommand):
    help = (
        "Send outgoing mail still unsent past its delay, as the beat task does: "
        "without a broker no beat runs, so this is how such mail goes out."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="First give mail that used up its attempts a fresh set.",
        )

    def handle(self, *args, retry_failed: bool, **options):
        if retry_failed:
            self.stdout.write(f"{mail_retry_failed()} failed e-mails to try again.")
        self.stdout.write(f"{mail_sweep()} e-mails sent.")
