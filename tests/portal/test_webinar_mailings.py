"""Staff mailings to webinar subscribers: confirmed only, once, unsubscribe in each."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal import services
from portal.models import WebinarDelivery, WebinarMailing, WebinarSubscriber
from portal.tasks import send_webinar_mailing


@pytest.fixture
def subscribers(db):
    now = timezone.now()
    return {
        "confirmed": WebinarSubscriber.objects.create(
            email="yes@example.org", confirmed_at=now, token_nonce="a1"
        ),
        "also": WebinarSubscriber.objects.create(
            email="also@example.org", confirmed_at=now, token_nonce="b2"
        ),
        "pending": WebinarSubscriber.objects.create(
            email="pending@example.org", token_nonce="c3"
        ),
        "left": WebinarSubscriber.objects.create(
            email="left@example.org",
            confirmed_at=now,
            unsubscribed_at=now,
            token_nonce="d4",
        ),
    }


@pytest.fixture
def mailing(db):
    return WebinarMailing.objects.create(
        subject="Spring webinar: donor milk", body="Join us on 12 March."
    )


def test_mailing_reaches_only_confirmed_current_subscribers(
    subscribers, mailing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.webinar_mailing_send(mailing=mailing) == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "also@example.org",
        "yes@example.org",
    ]
    assert WebinarDelivery.objects.count() == 2
    mailing.refresh_from_db()
    assert mailing.sent_at is not None


def test_every_mailing_carries_the_subscribers_own_unsubscribe_link(
    client, subscribers, mailing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.webinar_mailing_send(mailing=mailing)
    for message in mail.outbox:
        assert "Join us on 12 March." in message.body
        link = re.search(r"http://testserver(/webinars/unsubscribe/\S+/)", message.body)
        assert link
        assert link.group(1) in message.extra_headers["List-Unsubscribe"]
        assert (
            message.extra_headers["List-Unsubscribe-Post"]
            == "List-Unsubscribe=One-Click"
        )
    # Following one person's link unsubscribes that person only.
    message = next(m for m in mail.outbox if m.to == ["yes@example.org"])
    path = re.search(r"http://testserver(/webinars/unsubscribe/\S+/)", message.body)
    client.post(path.group(1))
    subscribers["confirmed"].refresh_from_db()
    subscribers["also"].refresh_from_db()
    assert not subscribers["confirmed"].is_active
    assert subscribers["also"].is_active


def test_a_mailing_cannot_be_sent_twice(
    subscribers, mailing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.webinar_mailing_send(mailing=mailing)
    with (
        pytest.raises(ValidationError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.webinar_mailing_send(mailing=mailing)
    assert len(mail.outbox) == 2


def test_a_repeated_task_sends_nothing_more(subscribers, mailing):
    sub = subscribers["confirmed"]
    assert send_webinar_mailing(mailing.pk, sub.pk) is True
    assert send_webinar_mailing(mailing.pk, sub.pk) is False
    assert len(mail.outbox) == 1


def test_nobody_who_unsubscribed_while_it_was_queued_gets_it(subscribers, mailing):
    sub = subscribers["confirmed"]
    sub.unsubscribed_at = timezone.now()
    sub.save()
    assert send_webinar_mailing(mailing.pk, sub.pk) is False
    assert mail.outbox == []


def test_staff_send_a_mailing_from_the_admin(
    client_for, moderator, subscribers, django_capture_on_commit_callbacks
):
    client = client_for(moderator)
    response = client.post(
        "/staff/portal/webinarmailing/add/",
        {"subject": "Autumn webinar", "body": "Probiotics and NEC."},
    )
    assert response.status_code == 302
    mailing = WebinarMailing.objects.get()
    assert mailing.created_by == moderator
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/staff/portal/webinarmailing/",
            {"action": "send_now", "_selected_action": [mailing.pk]},
        )
    assert len(mail.outbox) == 2
    assert mail.outbox[0].subject.endswith("Autumn webinar")


def test_members_cannot_reach_mailings(client_for, family):
    response = client_for(family).get("/staff/portal/webinarmailing/")
    assert response.status_code == 302
