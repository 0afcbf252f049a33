"""Compile the project's .po catalogues into .mo files without GNU gettext.

`make` uses Django's `compilemessages` when `msgfmt` is installed and this
command otherwise (pure Python, polib), so a clean clone builds either way.
"""

from django.core.management.base import BaseCommand

from portal.i18n import compile_catalogues


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo files (no gettext needed)."

    def handle(self, *args, **options) -> None:
        for path in compile_catalogues():
            self.stdout.write(f"compiled {path}")
