"""SITE_URL, the base of every link the portal sends, follows `make run HOST=...`."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail

from portal import services
from portal.models import WebinarSubscriber
from portal.siteurl import site_url_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "site_url, host, debug, expected",
    [
        ("", "", True, "http://127.0.0.1:8000"),
        ("", "127.0.0.1:8101", True, "http://127.0.0.1:8101"),
        ("", "8101", True, "http://127.0.0.1:8101"),
        ("", "127.0.0.1:8101", False, "http://127.0.0.1:8000"),
        (
            "https://portal.example.org/",
            "127.0.0.1:8101",
            True,
            "https://portal.example.org",
        ),
        ("https://portal.example.org", "", False, "https://portal.example.org"),
    ],
)
def test_site_url_follows_host_in_development_unless_set(
    site_url, host, debug, expected
):
    assert site_url_for(site_url=site_url, host=host, debug=debug) == expected


def _settings_site_url(**env) -> str:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "HOST", "SITE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_settings_take_host_as_make_run_passes_it():
    assert _settings_site_url(DEBUG="1", HOST="127.0.0.1:8101") == (
        "http://127.0.0.1:8101"
    )
    assert _settings_site_url(
        DEBUG="1", HOST="127.0.0.1:8101", SITE_URL="https://nec.example.org"
    ) == ("https://nec.example.org")


def test_make_run_passes_its_host_to_every_step():
    dry = subprocess.run(
        ["make", "-n", "run", "HOST=127.0.0.1:8101"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if dry.returncode != 0:
        pytest.skip(f"make -n run failed: {dry.stderr[-200:]}")
    steps = [line for line in dry.stdout.splitlines() if "manage.py" in line]
    assert any("runserver 127.0.0.1:8101" in line for line in steps)
    for line in steps:
        assert "HOST=127.0.0.1:8101" in line, line


def test_mailed_links_use_site_url(db, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "http://127.0.0.1:8101"
    with django_capture_on_commit_callbacks(execute=True):
        services.webinar_subscribe(email="someone@example.org")
    assert WebinarSubscriber.objects.count() == 1
    urls = re.findall(r"https?://[^/\s]+", mail.outbox[0].body)
    assert urls
    assert set(urls) == {"http://127.0.0.1:8101"}
