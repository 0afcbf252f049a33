"""The broker is down: a comment is posted, and its e-mails wait for the sweep."""

import time

import pytest
from django.core import mail

from discussion.models import Comment, Notification
from portal.mail import mail_sweep
from portal.models import OutgoingMail
from tests.clock import later
from tests.discussion.factories import FollowFactory, PriorityFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_comment_is_posted_and_the_follower_is_mailed_once_by_the_sweep(
    client_for, family, clinician, dead_broker, caplog
):
    priority = PriorityFactory()
    FollowFactory(user=clinician, priority=priority)
    started = time.monotonic()
    response = client_for(family).post(
        f"/priorities/{priority.pk}/comments/",
        {"body": "Our son was fed donor milk for six weeks."},
    )
    assert time.monotonic() - started < 5
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    note = Notification.objects.get(user=clinician)
    assert OutgoingMail.objects.get().object_id == note.pk
    assert mail.outbox == []
    assert "mail_queue_failed" in caplog.text

    with later(6):
        assert mail_sweep() == 1
    with later(7):
        assert mail_sweep() == 0
    [message] = mail.outbox
    assert message.to == [clinician.email]
    assert f"#comment-{comment.pk}" in message.body
    # A retry by the member (the same text again) would be a second comment; the
    # first answer was a success, so there is no reason to retry.
    assert Comment.objects.count() == 1


def test_the_api_answers_201_for_a_comment_while_the_broker_is_down(
    api_client, family, clinician, dead_broker
):
    priority = PriorityFactory()
    FollowFactory(user=clinician, priority=priority)
    api_client.force_authenticate(family)
    response = api_client.post(
        "/api/v1/comments/", {"priority": priority.pk, "body": "Same for us."}
    )
    assert response.status_code == 201
    assert OutgoingMail.objects.filter(sent_at__isnull=True).count() == 1
