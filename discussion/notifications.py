"""Following priorities and notifying members.

Other apps call `follow_priority`,
`notify` and `notify_followers`; each is safe to call twice (database uniqueness
on the follow and on the notification key), so a retried task never creates a
second notification or a second e-mail.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from portal.access import is_reachable
from portal.i18n import supported
from portal.mail import mail_queue_many
from portal.models import User
from priorities.models import Priority

from .models import EmailMode, Follow, Notification, NotificationSettings


def follow_priority(*, user, priority: Priority) -> Follow:
    """Make `user` follow `priority` (no-op if they already do)."""
    follow = Follow.objects.filter(user=user, priority=priority).first()
    if follow is not None:
        return follow
    try:
        # A savepoint: a concurrent double click must not break the caller's
        # transaction when the unique constraint fires.
        with transaction.atomic():
            return Follow.objects.create(user=user, priority=priority)
    except IntegrityError:
        return Follow.objects.get(user=user, priority=priority)


def unfollow_priority(*, user, priority: Priority) -> bool:
    """Stop following; returns whether a follow existed."""
    deleted, _ = Follow.objects.filter(user=user, priority=priority).delete()
    return bool(deleted)


def email_mode_for(user) -> str:
    row = NotificationSettings.objects.filter(user=user).first()
    return row.email_mode if row else EmailMode.IMMEDIATE


def notification_settings_update(*, user, email_mode: str) -> NotificationSettings:
    """Choose how (and whether) notifications are also sent by e-mail."""
    if email_mode not in EmailMode.values:
        raise ValidationError({"email_mode": ["Choose one of the listed options."]})
    row, _ = NotificationSettings.objects.update_or_create(
        user=user, defaults={"email_mode": email_mode}
    )
    return row


# A notification's text: a string, or a function called once per recipient in
# their language (so a Spanish-speaking member reads it in Spanish).
Message = str | Callable[[], str]


def message_for(message: Message, user) -> str:
    """The text `user` reads: `message()` rendered in their language."""
    if not callable(message):
        return message[:300]
    code = supported(getattr(user, "language", "")) or translation.get_language()
    with translation.override(code):
        return str(message())[:300]


def notify(
    *,
    recipients: Iterable,
    kind: str,
    key: str,
    message: Message,
    priority: Priority | None = None,
    comment=None,
    actor=None,
) -> int:
    """Create one notification per recipient, at most once per (recipient, key).

    The actor is never notified of their own action. Members who chose immediate
    e-mails get one, sent after the surrounding transaction commits. Returns how
    many notifications were new.
    """
    people = {}
    for user in recipients:
        if actor is not None and user.pk == actor.pk:
            continue
        # Deleted or deactivated accounts get no notifications at all.
        if is_reachable(user):
            people[user.pk] = user
    if not people:
        return 0
    existing = set(
        Notification.objects.filter(user_id__in=people, key=key).values_list(
            "user_id", flat=True
        )
    )
    fresh = [pk for pk in people if pk not in existing]
    if not fresh:
        return 0
    quiet = set(
        NotificationSettings.objects.filter(user_id__in=fresh)
        .exclude(email_mode=EmailMode.IMMEDIATE)
        .values_list("user_id", flat=True)
    )
    now = timezone.now()
    with transaction.atomic():
        # One INSERT for everyone; a row made meanwhile by a concurrent retry is
        # skipped by the unique (user, key) constraint instead of failing.
        Notification.objects.bulk_create(
            [
                Notification(
                    user_id=pk,
                    key=key,
                    kind=kind,
                    message=message_for(message, people[pk]),
                    priority=priority,
                    comment=comment,
                    created_at=now,
                )
                for pk in fresh
            ],
            ignore_conflicts=True,
        )
        mail_to = [pk for pk in fresh if pk not in quiet and not people[pk].is_blocked]
        if mail_to:
            ids = list(
                Notification.objects.filter(
                    user_id__in=mail_to, key=key, emailed_at__isnull=True
                ).values_list("pk", flat=True)
            )
            # Recorded in this transaction, sent after it commits; a concurrent
            # call recording the same notification adds nothing (one mail per
            # notification), and the sweep sends it if the broker was down.
            mail_queue_many(
                kind="discussion.notification", items=[(pk, "") for pk in ids]
            )
    return len(fresh)


def notify_followers(
    *,
    priority: Priority,
    kind: str,
    key: str,
    message: Message,
    comment=None,
    actor=None,
    exclude: Iterable = (),
) -> int:
    """Notify everyone who follows `priority` (see `notify`), except `exclude`."""
    skip = {user.pk for user in exclude}
    followers = [
        f.user
        for f in priority.follows.select_related("user").order_by("pk")
        if f.user_id not in skip
    ]
    return notify(
        recipients=followers,
        kind=kind,
        key=key,
        message=message,
        priority=priority,
        comment=comment,
        actor=actor,
    )


def notification_mark_read(
    *, user, notification_ids: Iterable[int] | None = None
) -> int:
    """Mark some (or, with None, all) of the member's notifications as read."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())


def digests_queue() -> int:
    """Record today's digest for every "daily" member with unread news."""
    since = timezone.now() - settings.NOTIFICATION_DIGEST_MAX_AGE
    user_ids = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            created_at__gte=since,
            user__notification_settings__email_mode=EmailMode.DAILY,
            user__in=User.objects.reachable(),
            user__participation_blocked_at__isnull=True,
        )
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    day = timezone.localdate().isoformat()
    with transaction.atomic():
        return mail_queue_many(
            kind="discussion.digest", items=[(uid, day) for uid in user_ids]
        )
