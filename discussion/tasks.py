"""Celery tasks for notification e-mails and the daily digest.

Each task takes ids and is safe to run twice: the notification rows are locked
and `emailed_at` is set in the same transaction as the send, so a retry after a
mail error sends the message once, and a second run finds nothing to send.
"""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from portal.tasks import RETRY

from .models import EmailMode, Notification
from .notifications import email_mode_for, reachable


def _may_email(user) -> bool:
    """Never e-mail blocked, deleted or deactivated members."""
    return reachable(user) and not user.is_blocked and bool(user.email)


def _link(note: Notification) -> str:
    if note.priority_id:
        url = settings.SITE_URL + note.priority.get_absolute_url()
        return f"{url}#comment-{note.comment_id}" if note.comment_id else url
    return settings.SITE_URL + reverse("discussion:notifications")


def _settings_url() -> str:
    return settings.SITE_URL + reverse("discussion:notification_settings")


@shared_task(**RETRY)
def send_notification_email(notification_id: int) -> bool:
    """E-mail one notification to a member in "immediate" mode."""
    with transaction.atomic():
        note = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user", "priority")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if note is None:  # already sent, or deleted meanwhile
            return False
        user = note.user
        if not _may_email(user) or email_mode_for(user) != EmailMode.IMMEDIATE:
            return False
        body = render_to_string(
            "discussion/notification_email.txt",
            {
                "note": note,
                "link": _link(note),
                "settings_url": _settings_url(),
                "SITE_NAME": settings.SITE_NAME,
            },
        )
        EmailMessage(
            # One line: member-written titles must not break the header.
            subject=f"[{settings.SITE_NAME}] {' '.join(note.message.split())[:120]}",
            body=body,
            to=[user.email],
            headers={"List-Unsubscribe": f"<{_settings_url()}>"},
        ).send()
        note.emailed_at = timezone.now()
        note.save(update_fields=["emailed_at"])
    return True


@shared_task(**RETRY)
def send_notification_digest(user_id: int) -> int:
    """One e-mail with a "daily" member's unread, un-emailed notifications."""
    since = timezone.now() - settings.NOTIFICATION_DIGEST_MAX_AGE
    with transaction.atomic():
        notes = list(
            Notification.objects.select_for_update(of=("self",))
            .select_related("user", "priority")
            .filter(
                user_id=user_id,
                emailed_at__isnull=True,
                read_at__isnull=True,
                created_at__gte=since,
            )
            .order_by("created_at", "pk")
        )
        if not notes:
            return 0
        user = notes[0].user
        if not _may_email(user) or email_mode_for(user) != EmailMode.DAILY:
            return 0
        body = render_to_string(
            "discussion/notification_digest.txt",
            {
                "items": [(note, _link(note)) for note in notes],
                "settings_url": _settings_url(),
                "notifications_url": settings.SITE_URL
                + reverse("discussion:notifications"),
                "SITE_NAME": settings.SITE_NAME,
            },
        )
        EmailMessage(
            subject=f"[{settings.SITE_NAME}] Your daily digest: "
            f"{len(notes)} update{'s' if len(notes) != 1 else ''}",
            body=body,
            to=[user.email],
            headers={"List-Unsubscribe": f"<{_settings_url()}>"},
        ).send()
        Notification.objects.filter(pk__in=[n.pk for n in notes]).update(
            emailed_at=timezone.now()
        )
    return len(notes)


@shared_task
def send_daily_digests() -> int:
    """Beat task: queue one digest per member in "daily" mode with news."""
    since = timezone.now() - settings.NOTIFICATION_DIGEST_MAX_AGE
    user_ids = list(
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            created_at__gte=since,
            user__notification_settings__email_mode=EmailMode.DAILY,
            user__is_active=True,
            user__deleted_at__isnull=True,
            user__participation_blocked_at__isnull=True,
        )
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    for user_id in user_ids:
        send_notification_digest.delay(user_id)
    return len(user_ids)


@shared_task
def send_missed_notification_emails() -> int:
    """Beat task: queue immediate e-mails that were never sent.

    `notify` queues each e-mail when its transaction commits; if the broker was
    down at that moment the message was lost. This sweep picks such
    notifications up (older than a few minutes, younger than a day) and queues
    them again; the e-mail task itself skips anything already sent.
    """
    now = timezone.now()
    ids = list(
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            created_at__lt=now - timedelta(minutes=5),
            created_at__gte=now - timedelta(days=1),
            user__is_active=True,
            user__deleted_at__isnull=True,
            user__participation_blocked_at__isnull=True,
        )
        .exclude(
            user__notification_settings__email_mode__in=[EmailMode.DAILY, EmailMode.OFF]
        )
        .values_list("pk", flat=True)[:1000]
    )
    for pk in ids:
        send_notification_email.delay(pk)
    return len(ids)
