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
    directives = {
        name: values
        for name, *values in (
            part.split()
            for part in response["Content-Security-Policy"].split(";")
            if part.strip()
        )
    }
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


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


def _schema(api_client):
    return api_client.get("/api/v1/schema/", {"format": "json"}).json()


def test_schema_documents_error_answers_with_one_body(api_client, db):
    schema = _schema(api_client)
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"detail", "errors"}
    assert error["required"] == ["detail"]
    vote = schema["paths"]["/api/v1/priorities/{id}/vote/"]["post"]["responses"]
    assert {"400", "401", "403", "404", "429"} <= set(vote)
    body = vote["403"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Error"}
    # A public list: no 403, as anyone may read it.
    assert "403" not in schema["paths"]["/api/v1/faq/"]["get"]["responses"]
    # A body can be too large only where a body is sent.
    assert "413" in schema["paths"]["/api/v1/comments/"]["post"]["responses"]
    assert "413" not in schema["paths"]["/api/v1/faq/"]["get"]["responses"]


def test_schema_lists_security_as_optional_only_where_anyone_may_call(api_client, db):
    paths = _schema(api_client)["paths"]
    assert paths["/api/v1/priorities/"]["get"]["security"][0] == {}
    assert {} not in paths["/api/v1/priorities/"]["post"]["security"]
    assert {} not in paths["/api/v1/priorities/export/"]["get"]["security"]


def test_schema_states_the_rules_of_flags_and_moderation_decisions(api_client, db):
    schemas = _schema(api_client)["components"]["schemas"]
    flag = [s["$ref"].rsplit("/", 1)[1] for s in schemas["FlagCreateRequest"]["oneOf"]]
    assert "comment" in schemas[flag[0]]["required"]
    assert "priority" in schemas[flag[1]]["required"]
    decision = schemas["ModerationDecisionRequest"]["oneOf"]
    hide = schemas[decision[0]["$ref"].rsplit("/", 1)[1]]
    assert "reason" in hide["required"]
    assert hide["properties"]["reason"]["minLength"] == 1


def test_schema_allows_a_blank_stance_and_missing_ci_figures(api_client, db):
    schemas = _schema(api_client)["components"]["schemas"]
    stance = schemas["Comment"]["properties"]["stance"]["oneOf"]
    assert {"$ref": "#/components/schemas/BlankEnum"} in stance
    for field in ("estimate", "ci_low", "ci_high"):
        assert schemas["Finding"]["properties"][field]["nullable"] is True
