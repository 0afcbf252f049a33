"""Error pages are the site's own, in plain words, with a way onward."""

import pytest
from django.template.loader import render_to_string
from django.test import Client


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'class="site-footer"' in html


@pytest.mark.django_db
def test_a_form_sent_without_its_security_token_says_what_to_do(db):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/contact/", {"name": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "This form could not be sent" in html
    assert "Nothing was saved" in html


@pytest.mark.django_db
def test_permission_denied_is_a_friendly_403(family):
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from django.views.defaults import permission_denied

    request = RequestFactory().get("/x/")
    request.user = family
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "You cannot open this page" in response.content.decode()


def test_server_error_page_renders_without_any_context():
    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert "/static/portal/css/site.css" in html
