from unittest import mock

import pytest
from django.db import connection
from django.db.utils import OperationalError


@pytest.mark.django_db
def test_health_reports_ok_when_database_answers(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


@pytest.mark.django_db
def test_health_is_503_and_names_the_database_when_it_fails(client, settings):
    settings.CELERY_BROKER_URL = ""
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"].startswith("error")


@pytest.mark.django_db
def test_health_is_503_when_the_configured_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    with mock.patch("portal.services.broker_status", return_value="error: OSError"):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "error: OSError"
