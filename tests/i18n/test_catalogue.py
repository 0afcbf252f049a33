"""The Spanish catalogue covers every marked string, and every string is marked.

- Templates: no visible text outside {% translate %} / {% blocktranslate %}
  (tests/i18n/template_scan.py, with its short allow-list of names and acronyms).
- The committed locale/es/LC_MESSAGES/django.po has no empty or fuzzy entry and
  keeps every placeholder of the English.
- `makemessages` run on a copy of the project finds no string the committed
  catalogue lacks (needs GNU gettext's xgettext; skipped with the reason if absent).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from .template_scan import scan

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
TEMPLATE_ROOTS = [ROOT / "templates", *ROOT.glob("*/templates")]
PLACEHOLDER = re.compile(r"%\([a-zA-Z_]+\)[sd]|%[sd]|\{[a-zA-Z_]*\}")


def _problems(po: polib.POFile) -> list[str]:
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                problems.append(f"untranslated plural: {entry.msgid!r}")
        elif not entry.msgstr:
            problems.append(f"untranslated: {entry.msgid!r}")
    return problems


def test_every_template_string_is_marked_for_translation():
    found = {}
    for root in TEMPLATE_ROOTS:
        found.update(scan(root))
    assert not found, (
        "Text outside {% translate %} in templates (mark it, or add a name or "
        f"acronym to ALLOWED in tests/i18n/template_scan.py): {found}"
    )


def test_the_scan_finds_unmarked_text():
    from .template_scan import unmarked

    assert unmarked("<p>Hello there</p>") == ["Hello there"]
    assert unmarked('<img alt="A baby">') == ['alt="A baby"']
    assert unmarked("<p>{% translate 'Hello' %} {{ name }} NEC</p>") == []
    assert unmarked("{% blocktranslate %}Hi {{ x }}{% endblocktranslate %}") == []


def test_the_spanish_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE))
    assert len(po) > 1000
    assert _problems(po) == []


def test_spanish_messages_keep_every_placeholder():
    wrong = []
    for entry in polib.pofile(str(CATALOGUE)):
        forms = (
            [
                (entry.msgid if n == 0 else entry.msgid_plural, text)
                for n, text in entry.msgstr_plural.items()
            ]
            if entry.msgid_plural
            else [(entry.msgid, entry.msgstr)]
        )
        for english, spanish in forms:
            wanted = sorted(set(PLACEHOLDER.findall(english)) - {"%d", "%s"})
            if sorted(set(PLACEHOLDER.findall(spanish)) - {"%d", "%s"}) != wanted:
                wrong.append(entry.msgid)
    assert wrong == []


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="needs GNU gettext (xgettext) to run makemessages",
)
def test_makemessages_finds_nothing_the_catalogue_lacks(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            "var",
            ".git",
            "tests",
            "bench",
            "*.mo",
            "__pycache__",
            "node_modules",
        ),
    )
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "portal.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--verbosity", "0"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    po = polib.pofile(str(copy / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    assert _problems(po) == [], "run `make messages-update`, then translate these"
