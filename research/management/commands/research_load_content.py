from django.core.management.base import BaseCommand

from research.positions import fill_blank
from research.seed.loader import load


class Command(BaseCommand):
    help = (
        "Load the shipped evidence content as drafts for editors to review "
        "and the organisation's positions where a factor has none (safe to run "
        "twice; nothing an editor wrote is changed)."
    )

    def handle(self, *args, **options):
        created = load()
        fill_blank()
        self.stdout.write(
            self.style.SUCCESS(
                f"{created['factors']} factors and {created['recommendations']} "
                "recommendations created as drafts."
            )
        )
