"""Shared fixtures: one member per stakeholder role, API clients, safe defaults."""

import os
import shutil

import pytest
from django.conf import settings as django_settings
from rest_framework.test import APIClient

from portal.celery import app as celery_app
from portal.models import Profession, StakeholderGroup
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
CHROMIUM = "/usr/bin/chromium"


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


@pytest.fixture(autouse=True)
def _test_defaults(settings):
    """Fast, isolated, deterministic settings for every test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SECURE_SSL_REDIRECT = False
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
    from portal.services import moderator_group_ensure

    staff = UserFactory(
        stakeholder_group=StakeholderGroup.OTHER, is_staff=True, is_superuser=True
    )
    staff.groups.add(moderator_group_ensure())
    return staff


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
