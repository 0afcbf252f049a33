"""What the discussion's e-mails say: builders for portal.mail (settings.MAIL_KINDS).

Each returns the message for a recorded mail, or None when there is nothing to
send any more (the member changed their e-mail mode, was blocked, read the
notification meanwhile). It runs in the transaction that stamps the mail as sent,
so the `emailed_at` stamps it writes stay only if the message goes out.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from portal.access import is_reachable
from portal.mail import in_recipient_language

from .models import EmailMode, Notification
from .notifications import email_mode_for


def _may_email(user, mode: str) -> bool:
    """Never e-mail blocked, deleted or deactivated members, nor in another mode."""
    return (
        is_reachable(user)
        and not user.is_blocked
        and bool(user.email)
        and email_mode_for(user) == mode
    )


def _link(note: Notification) -> str:
    if note.priority_id:
        url = settings.SITE_URL + note.priority.get_absolute_url()
        return f"{url}#comment-{note.comment_id}" if note.comment_id else url
    return settings.SITE_URL + reverse("discussion:notifications")


def _settings_url() -> str:
    return settings.SITE_URL + reverse("discussion:notification_settings")


def _message(*, subject: str, body: str, user) -> EmailMessage:
    return EmailMessage(
        # One line: member-written titles must not break the header.
        subject=f"[{settings.SITE_NAME}] {' '.join(subject.split())[:120]}",
        body=body,
        to=[user.email],
        headers={"List-Unsubscribe": f"<{_settings_url()}>"},
    )


def notification(*, object_id: int, key: str) -> EmailMessage | None:
    """One notification, for a member in "immediate" mode (object: Notification)."""
    note = (
        Notification.objects.select_related("user", "priority")
        .filter(pk=object_id, emailed_at__isnull=True)
        .first()
    )
    if note is None or not _may_email(note.user, EmailMode.IMMEDIATE):
        return None
    note.emailed_at = timezone.now()
    note.save(update_fields=["emailed_at"])
    with in_recipient_language(note.user):
        body = render_to_string(
            "discussion/notification_email.txt",
            {
                "note": note,
                "link": _link(note),
                "settings_url": _settings_url(),
                "SITE_NAME": settings.SITE_NAME,
            },
        )
        return _message(subject=note.message, body=body, user=note.user)


def digest(*, object_id: int, key: str) -> EmailMessage | None:
    """A "daily" member's unread, un-e-mailed notifications (object: the member;
    key: the day, so the digest goes out once a day)."""
    since = timezone.now() - settings.NOTIFICATION_DIGEST_MAX_AGE
    notes = list(
        Notification.objects.select_related("user", "priority")
        .filter(
            user_id=object_id,
            emailed_at__isnull=True,
            read_at__isnull=True,
            created_at__gte=since,
        )
        .order_by("created_at", "pk")
    )
    if not notes or not _may_email(notes[0].user, EmailMode.DAILY):
        return None
    Notification.objects.filter(pk__in=[n.pk for n in notes]).update(
        emailed_at=timezone.now()
    )
    with in_recipient_language(notes[0].user):
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
        subject = ngettext(
            "Your daily digest: %(count)d update",
            "Your daily digest: %(count)d updates",
            len(notes),
        ) % {"count": len(notes)}
        return _message(subject=subject, body=body, user=notes[0].user)


__all__ = ["digest", "notification"]
