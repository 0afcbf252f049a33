"""Links in mails name people by a signed id or a random key, never by address.

Links reach access logs, proxies and browser histories; a signature is not
encryption. Webinar links in the old format (the address, signed) work until they
age out.
"""

import base64
import binascii
import contextlib
import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing

from portal import services
from portal.models import WebinarMailing, WebinarSubscriber

EMAIL = "parent.of.twins@example.org"


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def _decodings(segment: str) -> list[str]:
    """The segment as written, and every piece of it base64- or hex-decoded."""
    found = [segment]
    for piece in re.split(r"[:.]", segment):
        for decode in (
            lambda p: base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)),
            lambda p: base64.b64decode(p + "=" * (-len(p) % 4)),
            bytes.fromhex,
        ):
            with contextlib.suppress(binascii.Error, ValueError):
                found.append(decode(piece).decode("utf-8", "replace"))
    return found


def _assert_no_address(url: str) -> None:
    path = re.sub(r"^https?://[^/]+", "", url)
    for segment in path.split("/"):
        for text in _decodings(segment):
            assert EMAIL not in text.lower(), (url, text)
            assert EMAIL.split("@")[0] not in text.lower(), (url, text)


def _old_token(subscriber: WebinarSubscriber, purpose: str, *, age_days=0) -> str:
    """A link as the release before signed it: the address in the payload."""
    signed_at = time.time() - age_days * 86400
    with mock.patch("django.core.signing.time.time", return_value=signed_at):
        return signing.dumps(
            {"e": subscriber.email, "n": subscriber.token_nonce},
            salt=f"webinar-{purpose}",
        )


def test_links_in_every_webinar_mail_carry_no_address(client, db, capture):
    with capture(execute=True):
        client.post("/webinars/", {"email": EMAIL})
    subscriber = WebinarSubscriber.objects.get()
    client.post(
        re.search(r"http://\S+(/webinars/confirm/\S+/)", mail.outbox[0].body).group(1)
    )
    mailing = WebinarMailing.objects.create(subject="Spring webinar", body="Hello")
    with capture(execute=True):
        services.webinar_mailing_send(mailing=mailing)
    assert subscriber.email == EMAIL
    assert len(mail.outbox) == 2

    urls = []
    for message in mail.outbox:
        urls += re.findall(r"https?://\S+", message.body)
        urls.append(message.extra_headers["List-Unsubscribe"].strip("<>"))
    assert any("/webinars/confirm/" in url for url in urls)
    assert sum("/webinars/unsubscribe/" in url for url in urls) >= 3
    for url in urls:
        _assert_no_address(url)
    # The pages themselves still say which address is concerned.
    unsubscribe = next(u for u in urls if "/webinars/unsubscribe/" in u)
    assert (
        EMAIL in client.get(re.sub(r"^http://[^/]+", "", unsubscribe)).content.decode()
    )


@pytest.mark.parametrize("purpose", ["confirm", "unsubscribe"])
def test_new_tokens_name_no_address(db, purpose):
    subscriber = WebinarSubscriber.objects.create(email=EMAIL, token_nonce="abc")
    _assert_no_address(services.webinar_token(subscriber, purpose=purpose))


def test_old_format_links_still_confirm_and_unsubscribe_within_the_window(client, db):
    subscriber = services.webinar_subscribe(email=EMAIL)
    confirm = _old_token(subscriber, "confirm", age_days=6)
    unsubscribe = _old_token(subscriber, "unsubscribe", age_days=6)

    assert EMAIL in client.get(f"/webinars/confirm/{confirm}/").content.decode()
    response = client.post(f"/webinars/confirm/{confirm}/")
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.is_active

    response = client.post(f"/webinars/unsubscribe/{unsubscribe}/")
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None


@pytest.mark.parametrize("purpose, age_days", [("confirm", 8), ("unsubscribe", 366)])
def test_old_format_links_are_refused_after_the_window(client, db, purpose, age_days):
    subscriber = services.webinar_subscribe(email=EMAIL)
    services.webinar_confirm(link={"i": subscriber.pk, "n": subscriber.token_nonce})
    if purpose == "confirm":
        subscriber.confirmed_at = None
        subscriber.save(update_fields=["confirmed_at"])
    token = _old_token(subscriber, purpose, age_days=age_days)
    for method in (client.get, client.post):
        response = method(f"/webinars/{purpose}/{token}/")
        assert response.status_code == 400
        assert "expired" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None
    assert (subscriber.confirmed_at is None) == (purpose == "confirm")


def test_an_old_unsubscribe_link_from_a_months_old_mailing_still_works(client, db):
    subscriber = services.webinar_subscribe(email=EMAIL)
    services.webinar_confirm(link={"i": subscriber.pk, "n": subscriber.token_nonce})
    token = _old_token(subscriber, "unsubscribe", age_days=200)
    assert client.post(f"/webinars/unsubscribe/{token}/").status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None


def test_new_unsubscribe_links_do_not_age(client, db, settings):
    subscriber = services.webinar_subscribe(email=EMAIL)
    services.webinar_confirm(link={"i": subscriber.pk, "n": subscriber.token_nonce})
    token = services.webinar_token(subscriber, purpose="unsubscribe")
    settings.WEBINAR_CONFIRM_MAX_AGE = timedelta(seconds=-1)
    response = client.post(f"/webinars/unsubscribe/{token}/")
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None


def _tampered(token: str) -> str:
    payload, rest = token.split(":", 1)
    return payload[:-1] + ("A" if payload[-1] != "A" else "B") + ":" + rest


@pytest.mark.parametrize("purpose", ["confirm", "unsubscribe"])
@pytest.mark.parametrize("kind", ["tampered", "unknown id", "other purpose"])
def test_tampered_or_unknown_tokens_get_the_bad_link_page(client, db, purpose, kind):
    subscriber = services.webinar_subscribe(email=EMAIL)
    other = {"confirm": "unsubscribe", "unsubscribe": "confirm"}[purpose]
    token = {
        "tampered": lambda: _tampered(
            services.webinar_token(subscriber, purpose=purpose)
        ),
        "unknown id": lambda: signing.dumps(
            {"i": subscriber.pk + 1000, "n": subscriber.token_nonce},
            salt=f"webinar-{purpose}",
        ),
        "other purpose": lambda: services.webinar_token(subscriber, purpose=other),
    }[kind]()
    for method in (client.get, client.post):
        response = method(f"/webinars/{purpose}/{token}/")
        assert response.status_code == 400
        assert response.templates[0].name == "portal/webinar_bad_link.html"
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None
    assert subscriber.unsubscribed_at is None


def test_account_confirmation_and_password_reset_links_carry_no_address(client, db):
    from portal.models import User

    password = "a long and unusual passphrase 42"
    client.post(
        "/account/signup/",
        {
            "email": EMAIL,
            "password1": password,
            "password2": password,
            "display_name": "Twins' dad",
            "stakeholder_group": "family",
        },
    )
    User.objects.filter(email=EMAIL).update(email_verified=True)
    client.post("/account/password/reset/", {"email": EMAIL})
    assert len(mail.outbox) == 2
    urls = [url for m in mail.outbox for url in re.findall(r"https?://\S+", m.body)]
    assert any("/account/confirm-email/" in url for url in urls)
    assert any("/account/password/reset/key/" in url for url in urls)
    for url in urls:
        _assert_no_address(url)
