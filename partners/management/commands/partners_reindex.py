"""Rebuild the full-text search vectors of every partner profile (PostgreSQL)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from partners.models import Partner
from partners.services import partner_refresh_search


class Command(BaseCommand):
    help = (
        "Rebuild partner search vectors, e.g. after a bulk import or a change to "
        "how profiles are indexed. Does nothing on SQLite."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch: int, **options):
        if not settings.USING_POSTGRES:
            self.stdout.write("SQLite: search matches text directly; nothing to do.")
            return
        ids = list(Partner.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch):
            partner_refresh_search(partner_ids=ids[start : start + batch])
        self.stdout.write(self.style.SUCCESS(f"Reindexed {len(ids)} partner profiles."))
