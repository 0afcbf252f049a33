"""Shared fixtures: one member per stakeholder role, API clients, safe defaults."""

import os
import shutil
import socket

import pytest
from django.conf import settings as django_settings
from rest_framework.test import APIClient

from portal.celery import app as celery_app
from portal.models import Profession, StakeholderGroup
from tests.factories import UserFactory
from tests.roles import Roles

PASSWORD = "correct horse battery staple"
CHROMIUM = "/usr/bin/chromium"
# Quiet, headless and offline apart from the live server: no updates, sync,
# first-run pages or GPU; no sandbox, which needs privileges CI runners lack.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    """Skip tests whose service is missing, and say why in the report."""
    reasons = {
        "postgres": None
        if django_settings.USING_POSTGRES
        else "needs PostgreSQL (row locks, trigram, full-text): set DATABASE_URL",
        "redis": None
        if django_settings.CELERY_BROKER_URL.startswith("redis")
        else "needs a real Redis broker: set CELERY_BROKER_URL=redis://...",
        "browser": None
        if shutil.which("chromium") or os.path.exists(CHROMIUM)
        else "needs Debian's chromium (apt-get install chromium)",
    }
    for item in items:
        for marker, reason in reasons.items():
            if reason and item.get_closest_marker(marker):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    """Spanish pages need the compiled catalogue: `make test` builds it, and a
    bare `pytest` after editing a .po file rebuilds what is stale."""
    from portal.i18n import compile_catalogues

    compile_catalogues(only_stale=True)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English: a request to a Spanish page leaves Spanish
    active on the thread, and translated fields (portal/translation.py) would
    then read and write their Spanish columns in the next test."""
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _test_defaults(settings):
    """Fast, isolated, deterministic settings for every test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SECURE_SSL_REDIRECT = False
    # Each test reads what it just wrote; tests/portal/test_pagecache.py turns
    # the shared page copy on where it is the subject.
    settings.PAGE_CACHE_SECONDS = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    # Per-process cache, emptied for every test: rate limits never leak across.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    from django.core.cache import cache

    cache.clear()
    settings.AXES_ENABLED = True
    settings.SITE_URL = "http://testserver"
    # Score recomputes run in the test's own thread (a thread would outlive it).
    settings.PRIORITIES_SCORE_RECOMPUTE_IN_BACKGROUND = False


@pytest.fixture(autouse=True, scope="session")
def _eager_celery():
    """Tasks run in-process in tests; the Redis worker test switches this off."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def user(db):
    return UserFactory(stakeholder_group=StakeholderGroup.OTHER)


@pytest.fixture
def unverified(db):
    return UserFactory(email_verified=False)


@pytest.fixture
def family(db):
    return UserFactory(stakeholder_group=StakeholderGroup.FAMILY)


@pytest.fixture
def clinician(db):
    return UserFactory(
        stakeholder_group=StakeholderGroup.CLINICIAN,
        profession=Profession.NEONATOLOGIST,
    )


@pytest.fixture
def researcher(db):
    return UserFactory(stakeholder_group=StakeholderGroup.RESEARCHER)


@pytest.fixture
def blocked(db):
    from django.utils import timezone

    return UserFactory(
        participation_blocked_at=timezone.now(),
        participation_blocked_reason="Repeated spam.",
    )


@pytest.fixture
def moderator(db):
    """Staff: moderates content in the admin and the moderation queue.

    A superuser, so every app's admin opens for it; it is also in the Moderators
    group. tests/portal/test_moderators.py checks the group's own permissions.
    """
    from portal.services import moderator_group

    staff = UserFactory(
        stakeholder_group=StakeholderGroup.OTHER, is_staff=True, is_superuser=True
    )
    staff.groups.add(moderator_group())
    return staff


@pytest.fixture
def group_moderator(db):
    """Staff, not a superuser: every right comes from the Moderators group."""
    from portal.services import moderator_group

    staff = UserFactory(stakeholder_group=StakeholderGroup.OTHER, is_staff=True)
    staff.groups.add(moderator_group())
    return staff


@pytest.fixture
def roles(db):
    """The role matrix's cast: roles.user(role) and roles.client(role) for every
    role in tests.roles.ROLES (anonymous, unverified, family, clinician,
    researcher, moderator, staff, token); tests/roles.py shows how to use it."""
    return Roles()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def reporting_token(db):
    """A read-only reporting key: returns (token, clear key)."""
    from portal.models import ReportingToken

    return ReportingToken.issue(name="Quarterly report")


@pytest.fixture
def client_for(client):
    """client_for(user) -> the Django test client signed in as that user."""

    def _login(member):
        client.force_login(member)
        return client

    return _login


@pytest.fixture
def reauthenticated(client):
    """reauthenticated(user) -> the client signed in, password just re-entered.

    Pages guarded by allauth's reauthentication (account deletion) need this;
    client_for alone gets redirected to /account/reauthenticate/.
    """

    def _reauth(member, password=PASSWORD):
        client.force_login(member)
        response = client.post("/account/reauthenticate/", {"password": password})
        assert response.status_code == 302, response.content[:500]
        return client

    return _reauth


# --- Browser tests (marked `browser`) -----------------------------------------------
# pytest-django's live_server serves plain http: SECURE_SSL_REDIRECT is off whenever
# the settings load under pytest, and Chromium accepts Secure cookies on localhost.


@pytest.fixture
def chromium(live_server, monkeypatch):
    """Debian's chromium, headless, driven by Playwright; closed after the test."""
    # Playwright's sync API runs an event loop in this thread, which trips Django's
    # async-safety check on the test's own (synchronous, never concurrent) ORM calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        # The test's ORM calls ran beside Playwright's event loop, in their own
        # context with their own connection: close it, or PostgreSQL cannot drop
        # the test database at the end of the run.
        connections.close_all()


@pytest.fixture
def browser_page(chromium):
    """A page in a fresh context at the narrowest width the portal supports."""
    context = chromium.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def console_errors(browser_page):
    """The page's console errors (a CSP violation shows up as one), as a list."""
    errors = []
    browser_page.on(
        "console", lambda msg: errors.append(msg.text) if msg.type == "error" else None
    )
    return errors


@pytest.fixture
def browser_sign_in(live_server):
    """browser_sign_in(page, user): the page's context signed in as that user,
    with a session made by the test client rather than the login form."""
    from django.test import Client

    def _sign_in(page, member):
        client = Client()
        client.force_login(member)
        session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [
                {
                    "name": django_settings.SESSION_COOKIE_NAME,
                    "value": session,
                    "url": live_server.url,
                }
            ]
        )
        return page

    return _sign_in


# --- Real Celery worker (marked `redis`) ---------------------------------------------


@pytest.fixture
def celery_worker_wait():
    """Tasks go to the Redis broker and a real worker thread, not run eagerly.

    Yields wait(check, seconds=20): polls check() until it is true or time is up,
    and returns its last result, so the test asserts on what the worker did.
    """
    import time

    from celery.contrib.testing.worker import start_worker

    def wait(check, seconds: float = 20):
        deadline = time.monotonic() + seconds
        while not (done := check()) and time.monotonic() < deadline:
            time.sleep(0.2)
        return done

    celery_app.conf.task_always_eager = False
    try:
        with start_worker(
            celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING"
        ):
            yield wait
    finally:
        celery_app.conf.task_always_eager = True


@pytest.fixture
def dead_broker(settings, monkeypatch):
    """The broker is down: tasks are published (not run eagerly) to a closed port.

    Yields the broker URL; the configuration comes back afterwards.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"redis://127.0.0.1:{port}/0"
    conf = celery_app.conf
    saved = {"broker_url": conf.broker_url, "task_always_eager": conf.task_always_eager}
    settings.CELERY_BROKER_URL = url
    # Celery reads the variable before its own setting.
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    _forget_broker_pools()
    conf.update(broker_url=url, task_always_eager=False)
    try:
        yield url
    finally:
        conf.update(saved)
        _forget_broker_pools()


def _forget_broker_pools():
    """Make the next publish connect to the broker the configuration names now.

    The app keeps the connection and producer pools of the URL it first used
    (an eager `delay()` creates them too). `app.close()` would drop one of them
    but also unregister the app, so later `shared_task`s would miss it.
    """
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
