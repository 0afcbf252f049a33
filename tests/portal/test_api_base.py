from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from portal.api_errors import exception_handler
from tests.factories import FAQFactory


class _Undeclared(APIView):
    """An endpoint whose author forgot permission_classes."""

    def get(self, request):
        return None


def test_an_endpoint_without_declared_permissions_denies_everyone(db, moderator):
    from rest_framework.test import force_authenticate

    request = APIRequestFactory().get("/x/")
    force_authenticate(request, user=moderator)
    response = _Undeclared.as_view()(request)
    assert response.status_code == 403


def test_django_validation_errors_become_400_with_field_messages():
    error = ValidationError({"title": ["Too short."], "__all__": ["Duplicate."]})
    response = exception_handler(error, {})
    assert response.status_code == 400
    assert response.data == {
        "detail": "Invalid input.",
        "errors": {"title": ["Too short."], "non_field_errors": ["Duplicate."]},
    }


def test_reporting_token_reads_the_api(api_client, reporting_token):
    token, key = reporting_token
    FAQFactory()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api_client.get("/api/v1/faq/")
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_unknown_or_revoked_token_is_refused_with_a_json_401(
    api_client, reporting_token
):
    from django.utils import timezone

    token, key = reporting_token
    token.revoked_at = timezone.now()
    token.save()
    for value in (f"Token {key}", "Token not-a-real-key"):
        api_client.credentials(HTTP_AUTHORIZATION=value)
        response = api_client.get("/api/v1/faq/")
        assert response.status_code == 401
        assert response.json() == {"detail": "Invalid or revoked token."}


def test_reporting_tokens_store_only_a_hash_of_the_key(reporting_token):
    token, key = reporting_token
    assert key not in token.key_hash
    assert token.prefix == key[:8]


def test_api_list_is_paginated_with_a_capped_page_size(api_client, db):
    FAQFactory.create_batch(30)
    page = api_client.get("/api/v1/faq/").json()
    assert page["count"] == 30
    assert len(page["results"]) == 25
    assert page["next"]
    big = api_client.get("/api/v1/faq/", {"page_size": 1000}).json()
    assert len(big["results"]) == 30


def test_anonymous_api_clients_are_throttled(api_client, db, settings, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    rates = {"anon": "3/min", "user": "10/min"}
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": rates,
    }
    # DRF copies the rates onto the class at import; monkeypatch puts the
    # original back after the test, so later tests keep the configured rates.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    codes = [api_client.get("/api/v1/faq/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_openapi_schema_is_served_and_lists_the_faq_endpoint(api_client, db):
    response = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/faq/" in schema["paths"]
    assert "reportingToken" in schema["components"]["securitySchemes"]


def test_openapi_schema_is_valid_and_generates_without_warnings(db):
    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    assert "openapi: 3" in out.getvalue()


def test_interactive_api_docs_load_their_assets_locally(client, db):
    response = client.get("/api/v1/docs/")
    html = response.content.decode()
    assert "drf_spectacular_sidecar" in html
    assert "cdn." not in html
    assert "<script>" not in html and "<style>" not in html
    # The page runs under the site's CSP, unchanged: no inline scripts or styles.
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "style-src 'self';" in csp
    assert "unsafe-inline" not in csp


def test_swagger_ui_start_up_script_is_served_as_javascript(client, db):
    response = client.get("/api/v1/docs/", {"script": ""})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in response.content.decode()


def test_redoc_address_redirects_to_the_swagger_ui(client, db):
    response = client.get("/api/v1/redoc/")
    assert response.status_code == 302
    assert response["Location"] == "/api/v1/docs/"


@pytest.mark.parametrize("path", ["/api/v1/faq/", "/api/v1/schema/"])
def test_api_does_not_need_a_session_for_public_reads(api_client, db, path):
    assert api_client.get(path).status_code == 200


def test_api_root_links_to_collections_schema_and_docs(api_client, db):
    response = api_client.get("/api/v1/")
    assert response.status_code == 200
    data = response.json()
    assert data["faq"] == "http://testserver/api/v1/faq/"
    assert data["schema"] == "http://testserver/api/v1/schema/"
    assert data["docs"] == "http://testserver/api/v1/docs/"
    # Nobody writes here, signed in or not: 405, not "sign in and try again".
    assert api_client.post("/api/v1/", {}).status_code == 405
