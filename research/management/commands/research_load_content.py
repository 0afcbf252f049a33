from django.core.management.base import BaseCommand

from research.seed.loader import load


class Command(BaseCommand):
    help = (
        "Load the shipped evidence content as drafts for editors to review "
        "(safe to run twice; existing factors are never changed)."
    )

    def handle(self, *args, **options):
        created = load()
        self.stdout.write(
            self.style.SUCCESS(
                f"{created['factors']} factors and {created['recommendations']} "
                "recommendations created as drafts."
            )
        )
