"""Input no database can take is a clear 4xx that changes nothing, never a 500.

One rule for every app (portal.middleware.BadInputMiddleware): a NUL character
anywhere in the path, the query string, form fields or a JSON body, or a query
string or body that is not UTF-8, is a 400: JSON on the API, the 400 page otherwise.
"""

import json
import re

import pytest
from rest_framework.throttling import SimpleRateThrottle

from discussion.models import Comment
from portal.models import ContactMessage
from tests.discussion.factories import PriorityFactory

pytestmark = pytest.mark.django_db

NUL = "Null characters are not allowed."
NOT_UTF8 = "The text is not valid UTF-8."


def _json_refusal(response, status=400) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["detail"] == "Invalid input."
    return body["errors"]


def _page_refusal(response):
    assert response.status_code == 400
    assert "We could not understand that request" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/evidence/factors/a%00b/",
        "/api/v1/evidence/summaries/a%00b/",
        "/api/v1/evidence/recommendations/a%00b/",
        "/api/v1/priorities/a%00b/",
        "/api/v1/partners/a%00b/",
    ],
)
def test_a_nul_in_an_api_path_is_a_json_400(api_client, url):
    assert _json_refusal(api_client.get(url)) == {"path": [NUL]}


@pytest.mark.parametrize(
    "url, field",
    [
        ("/api/v1/evidence/factors/?q=a%00b", "q"),
        ("/api/v1/priorities/?search=%00", "search"),
        ("/api/v1/partners/?q=milk%00", "q"),
        ("/api/v1/institutions/?q=a%00b", "q"),
        ("/api/v1/faq/?x%00=1", "x"),
    ],
)
def test_a_nul_in_an_api_query_string_is_a_json_400_naming_the_parameter(
    api_client, url, field
):
    assert _json_refusal(api_client.get(url)) == {field: [NUL]}


@pytest.mark.parametrize(
    "url",
    [
        "/faq/?q=%00",
        "/priorities/?q=a%00b",
        "/partners/?q=milk%00",
        "/evidence/?q=%00",
        "/evidence/factors/a%00b/",
    ],
)
def test_a_nul_on_a_page_is_the_sites_400_page(client, url):
    _page_refusal(client.get(url))


def test_a_query_string_that_is_not_utf8_is_refused(client, api_client):
    _page_refusal(client.get("/faq/?q=%FF"))
    errors = _json_refusal(api_client.get("/api/v1/priorities/?search=caf%E9"))
    assert errors == {"search": [NOT_UTF8]}


def test_a_contact_form_with_a_nul_is_refused_and_not_stored(client, settings):
    settings.CONTACT_RECIPIENTS = ["team@example.org"]
    response = client.post(
        "/contact/",
        {
            "name": "Ana\x00",
            "email": "ana@example.org",
            "topic": "family",
            "message": "Where can I find support groups?",
        },
    )
    _page_refusal(response)
    assert not ContactMessage.objects.exists()


def test_a_contact_form_that_is_not_utf8_is_refused_and_not_stored(client, settings):
    settings.CONTACT_RECIPIENTS = ["team@example.org"]
    body = "name=Ana&email=ana%40example.org&topic=family&message=caf%E9+au+lait"
    response = client.post(
        "/contact/", body, content_type="application/x-www-form-urlencoded"
    )
    _page_refusal(response)
    assert not ContactMessage.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [{"body": "a\x00b"}, {"body": "ok", "stance\x00": "favour"}],
)
def test_a_comment_posted_as_json_with_a_nul_is_refused_and_not_stored(
    api_client, family, fields
):
    priority = PriorityFactory()
    api_client.force_authenticate(family)
    body = json.dumps({"priority": priority.pk, **fields})
    assert "\\u0000" in body
    response = api_client.post(
        "/api/v1/comments/", body, content_type="application/json"
    )
    assert _json_refusal(response) == {"non_field_errors": [NUL]}
    assert not Comment.objects.exists()


def test_an_escaped_backslash_before_u0000_is_ordinary_text(api_client, family):
    priority = PriorityFactory()
    api_client.force_authenticate(family)
    body = json.dumps({"priority": priority.pk, "body": "a\\u0000b"})
    response = api_client.post(
        "/api/v1/comments/", body, content_type="application/json"
    )
    assert response.status_code == 201
    assert Comment.objects.get().body == "a\\u0000b"


def test_a_json_body_that_is_not_utf8_is_refused_and_not_stored(api_client, family):
    priority = PriorityFactory()
    api_client.force_authenticate(family)
    body = b'{"priority": ' + str(priority.pk).encode() + b', "body": "caf\xe9"}'
    response = api_client.post(
        "/api/v1/comments/", body, content_type="application/json"
    )
    assert _json_refusal(response) == {"non_field_errors": [NOT_UTF8]}
    assert not Comment.objects.exists()


# --- Every API endpoint in the schema -----------------------------------------------

BAD_VALUES = [
    "%00",
    "a%00b",
    "%FF",
    "-1",
    "99999999999999999999999",
    "2020-01-01T00:00:00%2B17:00",
    "0000-01-01",
    "%5B%5D",
]


def _schema_paths(client) -> dict:
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)["paths"]


def test_no_api_endpoint_answers_5xx_to_bad_query_parameters_or_path_ids(
    api_client, moderator, monkeypatch
):
    # Hundreds of requests: the API-wide throttle would answer most of them.
    monkeypatch.setattr(SimpleRateThrottle, "allow_request", lambda *args: True)
    api_client.force_authenticate(moderator)
    paths = _schema_paths(api_client)
    checked = 0
    for path, operations in paths.items():
        if "get" not in operations:
            continue
        names = {"x", "q", "search", "ordering", "page", "page_size"}
        names |= {
            p["name"]
            for p in operations["get"].get("parameters", [])
            if p.get("in") == "query"
        }
        if "{" in path:
            for bad in ("a%00b", "%00", "%FF", "-1", "99999999999999999999999"):
                url = re.sub(r"\{[^}]+\}", bad, path)
                status = api_client.get(url).status_code
                assert status < 500 and status != 429, (url, status)
                checked += 1
            continue
        for name in sorted(names):
            for bad in BAD_VALUES:
                url = f"{path}?{name}={bad}"
                status = api_client.get(url).status_code
                assert status < 500 and status != 429, (url, status)
                checked += 1
    assert checked > 100


# --- Size and depth of what the API parses ------------------------------------------


@pytest.mark.parametrize("levels", [33, 30_000])
def test_json_nested_deeper_than_the_limit_is_a_400_without_recursing(
    api_client, family, levels
):
    api_client.force_authenticate(family)
    deep = "[" * levels + "]" * levels
    response = api_client.post(
        "/api/v1/comments/", deep, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "JSON may nest arrays and objects at most 32 levels deep."
    }
    assert not Comment.objects.exists()


def test_json_a_hundred_thousand_levels_deep_is_refused_for_its_size(
    api_client, family
):
    api_client.force_authenticate(family)
    deep = "[" * 100_000 + "]" * 100_000
    response = api_client.post(
        "/api/v1/comments/", deep, content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json() == {"detail": "A JSON body may be at most 64 KB."}
    assert not Comment.objects.exists()


def test_brackets_inside_strings_do_not_count_as_depth(api_client, family):
    priority = PriorityFactory()
    api_client.force_authenticate(family)
    text = '[[[[{{{{ "quoted \\" [[[[ ' * 20
    body = json.dumps({"priority": priority.pk, "body": text})
    response = api_client.post(
        "/api/v1/comments/", body, content_type="application/json"
    )
    assert response.status_code == 201
    assert Comment.objects.get().body == text.strip()


def test_a_body_over_djangos_upload_limit_is_a_413(
    api_client, client, family, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    api_client.force_authenticate(family)
    body = json.dumps({"priority": 1, "body": "x" * 2000})
    response = api_client.post(
        "/api/v1/comments/", body, content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["detail"] == "The request body is too large."
    response = client.post("/contact/", {"message": "x" * 2000})
    assert response.status_code == 413
    assert not ContactMessage.objects.exists()


# --- Strict types --------------------------------------------------------------------

NOT_TEXT = "Enter text (a JSON string), not a number, boolean, list or object."


@pytest.mark.parametrize("value", [123, 1.5, True, ["a"], {"a": "b"}])
def test_a_text_field_given_another_json_type_is_a_400_and_nothing_is_stored(
    api_client, family, value
):
    priority = PriorityFactory()
    api_client.force_authenticate(family)
    response = api_client.post(
        "/api/v1/comments/", {"priority": priority.pk, "body": value}, format="json"
    )
    assert _json_refusal(response) == {"body": [NOT_TEXT]}
    assert not Comment.objects.exists()


def test_a_tag_given_as_a_number_is_refused(api_client, family):
    from priorities.models import Priority, Topic

    topic = Topic.objects.first()
    api_client.force_authenticate(family)
    response = api_client.post(
        "/api/v1/priorities/",
        {
            "title": "Does skin-to-skin care reduce NEC in preterm babies?",
            "description": "Parents ask this every day.",
            "topic": topic.slug,
            "tags": ["feeding", 7],
        },
        format="json",
    )
    assert _json_refusal(response) == {"tags": {"1": [NOT_TEXT]}}
    assert not Priority.objects.exists()
