"""Prove that every round's stored results follow from its stored ballots."""

from django.core.management.base import BaseCommand, CommandError

from rounds.models import Round
from rounds.results import results_check


class Command(BaseCommand):
    help = (
        "Recompute each round's interim ranking from its stored ballots or votes "
        "and compare it with the stored results; fails on any difference."
    )

    def add_arguments(self, parser):
        parser.add_argument("--round", dest="slug", help="Only this round (slug).")

    def handle(self, *args, slug=None, **options):
        rounds = Round.objects.filter(results_computed_at__isnull=False)
        if slug:
            rounds = rounds.filter(slug=slug)
        failures = 0
        for round_ in rounds.order_by("pk"):
            problems = results_check(round_)
            if problems:
                failures += 1
                self.stdout.write(f"{round_.slug}: {len(problems)} differences")
                for line in problems[:20]:
                    self.stdout.write(f"  {line}")
            else:
                self.stdout.write(f"{round_.slug}: stored results reproduced")
        if failures:
            raise CommandError(f"{failures} round(s) differ from their ballots.")
        self.stdout.write(self.style.SUCCESS("All stored results are reproducible."))
