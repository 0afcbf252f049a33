import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from discussion.comments import comment_create
from discussion.models import EmailMode, Notification, NotificationSettings
from discussion.notifications import notify, notify_followers
from discussion.tasks import (
    send_daily_digests,
    send_notification_digest,
    send_notification_email,
)
from portal.mail import mail_sweep
from portal.models import OutgoingMail
from tests.clock import later
from tests.discussion.factories import (
    FollowFactory,
    NotificationFactory,
    PriorityFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _mode(user, mode):
    NotificationSettings.objects.update_or_create(
        user=user, defaults={"email_mode": mode}
    )


def test_notify_twice_with_the_same_key_creates_one_notification(family):
    priority = PriorityFactory()
    for _ in range(2):
        notify(
            recipients=[family],
            kind="status",
            key="status:1:published",
            message="Published",
            priority=priority,
        )
    assert Notification.objects.filter(user=family).count() == 1


def test_notify_skips_the_actor_and_deleted_or_inactive_members(family, clinician):
    gone = UserFactory(deleted_at=timezone.now())
    inactive = UserFactory(is_active=False)
    created = notify(
        recipients=[family, clinician, gone, inactive],
        kind="comment",
        key="k",
        message="m",
        actor=clinician,
    )
    assert created == 1
    assert list(Notification.objects.values_list("user", flat=True)) == [family.pk]


def test_new_comment_emails_followers_in_immediate_mode_once(
    family, clinician, researcher, django_capture_on_commit_callbacks
):
    priority = PriorityFactory(title="Does donor milk help?")
    FollowFactory(user=clinician, priority=priority)
    FollowFactory(user=researcher, priority=priority)
    _mode(researcher, EmailMode.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_create(author=family, priority=priority, body="Yes")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [clinician.email]
    assert "Does donor milk help?" in message.subject
    assert f"/priorities/{priority.pk}/#comment-{comment.pk}" in message.body
    assert "/priorities/notifications/settings/" in message.body
    # Nobody's e-mail address appears in the text.
    assert family.email not in message.body and clinician.email not in message.body
    # Researcher still has the in-site notification.
    assert Notification.objects.filter(user=researcher).count() == 1
    note = Notification.objects.get(user=clinician)
    assert note.emailed_at is not None


def test_running_the_email_task_twice_sends_once(clinician):
    note = NotificationFactory(user=clinician, priority=PriorityFactory())
    assert send_notification_email.apply(args=[note.pk]).get() is True
    assert send_notification_email.apply(args=[note.pk]).get() is False
    assert len(mail.outbox) == 1


def test_a_mail_error_leaves_the_email_to_the_sweep_which_sends_it_once(clinician):
    note = NotificationFactory(user=clinician, priority=PriorityFactory())
    dropped = smtplib.SMTPServerDisconnected("connection dropped")
    with mock.patch.object(EmailBackend, "send_messages", side_effect=dropped):
        assert send_notification_email.apply(args=[note.pk]).get() is False
    note.refresh_from_db()
    assert note.emailed_at is None
    assert mail.outbox == []
    with later(6):
        assert mail_sweep() == 1
    assert len(mail.outbox) == 1
    note.refresh_from_db()
    assert note.emailed_at is not None
    # Neither a later sweep nor a late duplicate of the task sends it again.
    with later(120):
        assert mail_sweep() == 0
    send_notification_email.apply(args=[note.pk])
    assert len(mail.outbox) == 1


def test_a_retried_comment_task_creates_notifications_once(family, clinician):
    priority = PriorityFactory()
    FollowFactory(user=clinician, priority=priority)
    for _ in range(2):  # as a retried task would
        notify_followers(
            priority=priority,
            kind="status",
            key=f"status:{priority.pk}:shortlisted",
            message="Shortlisted",
            actor=family,
        )
    assert Notification.objects.filter(user=clinician).count() == 1


@pytest.mark.parametrize(
    "attrs",
    [
        {"participation_blocked_at": timezone.now()},
        {"deleted_at": timezone.now()},
        {"is_active": False},
    ],
)
def test_never_email_blocked_deleted_or_inactive_members(db, attrs):
    member = UserFactory(**attrs)
    note = NotificationFactory(user=member, priority=PriorityFactory())
    assert send_notification_email.apply(args=[note.pk]).get() is False
    _mode(member, EmailMode.DAILY)
    assert send_notification_digest.apply(args=[member.pk]).get() == 0
    assert mail.outbox == []


def test_no_immediate_email_in_daily_or_off_mode(clinician):
    for mode in (EmailMode.DAILY, EmailMode.OFF):
        _mode(clinician, mode)
        note = NotificationFactory(user=clinician, priority=PriorityFactory())
        assert send_notification_email.apply(args=[note.pk]).get() is False
    assert mail.outbox == []


def test_daily_digest_sends_one_email_per_member_and_marks_them(
    clinician, researcher, family, django_capture_on_commit_callbacks
):
    _mode(clinician, EmailMode.DAILY)
    _mode(researcher, EmailMode.DAILY)
    _mode(family, EmailMode.IMMEDIATE)
    priority = PriorityFactory(title="Probiotics for all?")
    for n in range(3):
        NotificationFactory(user=clinician, priority=priority, message=f"Update {n}")
    NotificationFactory(user=researcher, priority=priority, message="Just one")
    NotificationFactory(user=family, priority=priority, message="Not in a digest")
    NotificationFactory(
        user=clinician,
        priority=priority,
        message="Already read",
        read_at=timezone.now(),
    )
    NotificationFactory(
        user=clinician,
        priority=priority,
        message="Too old",
        created_at=timezone.now() - timedelta(days=30),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_digests.apply().get() == 2
    assert len(mail.outbox) == 2
    by_person = {m.to[0]: m for m in mail.outbox}
    body = by_person[clinician.email].body
    assert all(f"Update {n}" in body for n in range(3))
    assert "Already read" not in body and "Too old" not in body
    assert "3 updates" in by_person[clinician.email].subject
    assert "1 update" in by_person[researcher.email].subject
    assert not Notification.objects.filter(
        user=clinician, message__startswith="Update", emailed_at__isnull=True
    ).exists()
    # The beat firing twice in a day sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_digests.apply().get() == 0
    assert len(mail.outbox) == 2


def test_digest_is_retried_after_a_mail_error_and_sent_once(clinician):
    _mode(clinician, EmailMode.DAILY)
    note = NotificationFactory(user=clinician, priority=PriorityFactory())
    slow = TimeoutError("mail server slow")
    with mock.patch.object(EmailBackend, "send_messages", side_effect=slow):
        assert send_notification_digest.apply(args=[clinician.pk]).get() is False
    note.refresh_from_db()
    assert note.emailed_at is None
    with later(6):
        assert mail_sweep() == 1
        assert mail_sweep() == 0
    assert len(mail.outbox) == 1
    assert "1 update" in mail.outbox[0].subject


# --- Pages and settings ---------------------------------------------------------


def test_notifications_page_lists_mine_with_unread_count(client_for, family):
    priority = PriorityFactory(title="Early feeding")
    NotificationFactory(user=family, priority=priority, message="New comment on it")
    NotificationFactory(user=family, message="Old", read_at=timezone.now())
    NotificationFactory(message="Someone else's")
    page = client_for(family).get("/priorities/notifications/").content.decode()
    assert "New comment on it" in page
    assert "Someone else&#x27;s" not in page and "Someone else's" not in page
    assert "You have 1 unread notification." in page


def test_mark_one_and_mark_all_read(client_for, family):
    first, second = NotificationFactory.create_batch(2, user=family)
    others = NotificationFactory()
    client = client_for(family)
    client.post("/priorities/notifications/read/", {"id": first.pk})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    # Someone else's id does nothing.
    client.post("/priorities/notifications/read/", {"id": others.pk})
    others.refresh_from_db()
    assert others.read_at is None
    client.post("/priorities/notifications/read/", {"all": "1"})
    assert not Notification.objects.filter(user=family, read_at__isnull=True).exists()


def test_bad_notification_id_is_harmless(client_for, family):
    note = NotificationFactory(user=family)
    response = client_for(family).post("/priorities/notifications/read/", {"id": "abc"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.read_at is None


def test_settings_page_changes_the_email_mode(client_for, family):
    client = client_for(family)
    page = client.get("/priorities/notifications/settings/").content.decode()
    assert "One daily digest" in page
    response = client.post(
        "/priorities/notifications/settings/", {"email_mode": "daily"}
    )
    assert response.status_code == 302
    assert NotificationSettings.objects.get(user=family).email_mode == "daily"
    response = client.post("/priorities/notifications/settings/", {"email_mode": "x"})
    assert response.status_code == 200
    assert NotificationSettings.objects.get(user=family).email_mode == "daily"


def test_notification_pages_need_sign_in(client):
    for url in ("/priorities/notifications/", "/priorities/notifications/settings/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/account/login/" in response["Location"]


def test_api_notifications_are_mine_with_unread_count(api_client, family):
    NotificationFactory.create_batch(2, user=family, priority=PriorityFactory())
    NotificationFactory()
    api_client.force_authenticate(family)
    data = api_client.get("/api/v1/notifications/").json()
    assert data["count"] == 2 and data["unread_count"] == 2
    note_id = data["results"][0]["id"]
    assert data["results"][0]["url"].startswith("/priorities/")
    assert api_client.post(f"/api/v1/notifications/{note_id}/read/").status_code == 204
    assert api_client.get("/api/v1/notifications/").json()["unread_count"] == 1
    assert api_client.post("/api/v1/notifications/read-all/").status_code == 204
    assert api_client.get("/api/v1/notifications/?unread=true").json()["count"] == 0


def test_api_someone_elses_notification_is_404(api_client, family):
    other = NotificationFactory()
    api_client.force_authenticate(family)
    assert api_client.post(f"/api/v1/notifications/{other.pk}/read/").status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_api_email_settings(api_client, family):
    api_client.force_authenticate(family)
    assert api_client.get("/api/v1/notifications/settings/").json() == {
        "email_mode": "immediate"
    }
    response = api_client.put("/api/v1/notifications/settings/", {"email_mode": "off"})
    assert response.json() == {"email_mode": "off"}
    bad = api_client.put("/api/v1/notifications/settings/", {"email_mode": "weekly"})
    assert bad.status_code == 400
    assert "email_mode" in bad.json()["errors"]


def test_api_notifications_need_sign_in(api_client):
    assert api_client.get("/api/v1/notifications/").status_code == 401


def test_notify_records_an_email_only_for_members_in_immediate_mode(
    clinician, researcher, family
):
    _mode(researcher, EmailMode.DAILY)
    _mode(family, EmailMode.OFF)
    notify(
        recipients=[clinician, researcher, family],
        kind="status",
        key="status:9:shortlisted",
        message="Shortlisted",
        priority=PriorityFactory(),
    )
    [recorded] = OutgoingMail.objects.all()
    assert recorded.kind == "discussion.notification"
    assert recorded.object_id == Notification.objects.get(user=clinician).pk


def test_unread_count_tag(rf, family):
    from django.contrib.auth.models import AnonymousUser
    from django.template import RequestContext, Template

    NotificationFactory.create_batch(2, user=family)
    NotificationFactory(user=family, read_at=timezone.now())
    template = Template("{% load discussion %}{% unread_notifications_count %}")
    request = rf.get("/")
    request.user = family
    assert template.render(RequestContext(request)) == "2"
    request.user = AnonymousUser()
    assert template.render(RequestContext(request)) == "0"


def test_notifying_many_followers_takes_the_same_queries_as_few(
    family, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def run(n):
        priority = PriorityFactory()
        for member in UserFactory.create_batch(n):
            FollowFactory(user=member, priority=priority)
        with CaptureQueriesContext(connection) as ctx:
            created = notify_followers(
                priority=priority, kind="status", key="k", message="m", actor=family
            )
        assert created == n
        return len(ctx.captured_queries)

    assert run(2) == run(30)


def test_a_title_with_line_breaks_cannot_break_the_email_subject(clinician):
    priority = PriorityFactory(title="Line one\r\nBcc: victim@example.org")
    note = NotificationFactory(
        user=clinician, priority=priority, message=f"New comment on {priority.title}"
    )
    assert send_notification_email.apply(args=[note.pk]).get() is True
    subject = mail.outbox[0].subject
    assert "\n" not in subject and "\r" not in subject
    assert mail.outbox[0].bcc == []
