"""Rebuild the tallies stored on priorities from the votes and comments."""

from django.core.management.base import BaseCommand

from priorities.voting import tallies_recompute


class Command(BaseCommand):
    help = (
        "Compare every priority's stored supporter, comment and stance counts (and "
        "the voters per group) with the votes and comments; report any drift and, "
        "with --fix, correct it and recompute balanced and trending scores."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fix", action="store_true", help="Correct the drift that is found."
        )

    def handle(self, *args, fix: bool = False, **options):
        drift = tallies_recompute(fix=fix)
        for item in drift[:200]:
            where = f"priority {item.priority_id}" if item.priority_id else "voters"
            self.stdout.write(
                f"{where}: {item.field} stored {item.stored}, actual {item.actual}"
            )
        if len(drift) > 200:
            self.stdout.write(f"... and {len(drift) - 200} more")
        if not drift:
            self.stdout.write(self.style.SUCCESS("No drift: every tally matches."))
        elif fix:
            self.stdout.write(self.style.WARNING(f"Fixed {len(drift)} drifted values."))
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(drift)} drifted values found; run with --fix to correct."
                )
            )
            # A non-zero exit lets a monitoring cron job notice.
            raise SystemExit(1)
