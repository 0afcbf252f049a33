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


def test_each_request_is_logged_as_one_json_line_without_personal_data(
    client, db, caplog
):
    import json
    import logging

    from portal.models import WebinarSubscriber
    from portal.services import webinar_token

    sub = WebinarSubscriber.objects.create(email="private@example.org", token_nonce="n")
    token = webinar_token(sub, purpose="unsubscribe")
    with caplog.at_level(logging.INFO, logger="portal.request"):
        response = client.get(
            f"/webinars/unsubscribe/{token}/", HTTP_X_REQUEST_ID="abc"
        )
    assert response["X-Request-ID"] == "abc"
    record = next(r for r in caplog.records if r.name == "portal.request")
    # Formatted by the handler configured in settings.LOGGING (stdout, JSON).
    formatter = next(
        h.formatter
        for h in logging.getLogger().handlers
        if h.formatter is not None and "Json" in type(h.formatter).__name__
    )
    line = formatter.format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "INFO"
    assert entry["message"] == "request"
    assert entry["status"] == 200
    assert entry["request_id"] == "abc"
    assert entry["path"] == "/webinars/unsubscribe/<str:token>/"
    assert token not in line
