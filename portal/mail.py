"""One way to send e-mail: record it with the change, send it once, sweep the rest.

A service calls `mail_queue` inside its transaction: the mail becomes an
OutgoingMail row, committed with the service's own rows or not at all. After the
commit a worker is asked to send it. Sending claims the row with a conditional
UPDATE (two workers never both send), asks the kind's builder for the message,
sends it and stamps the row. When the broker or the mail server is down the row
simply stays unsent, and the sweep (a beat task) sends it a few minutes later.

Kinds map to builders in settings.MAIL_KINDS ("app.kind" -> dotted path). A
builder is called as `builder(object_id=..., key=...)` and returns an
EmailMessage, or None when there is nothing to send any more. It runs inside
the transaction that stamps the mail as sent, so a row it writes (a delivery
record, a "notified at" stamp) is kept only if the message goes out.

Logs name mails by id and kind, never by address: exception messages are logged
and stored with every e-mail address masked.

See docs/portal.md, "How e-mail is sent".
"""

import enum
import logging
import re
import smtplib
import socket
import traceback
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from .i18n import supported
from .models import OutgoingMail
from .queueing import publish

logger = logging.getLogger(__name__)

# The worker task that sends one mail (portal/tasks.py registers it under this
# name). Published by name, so this module never imports the tasks module.
SEND_TASK = "portal.tasks.send_outgoing_mail"

Builder = Callable[..., EmailMessage | None]

# The mail server itself is unreachable: every other mail would fail the same way.
UNREACHABLE = (
    ConnectionError,
    TimeoutError,
    socket.gaierror,
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
)
_ADDRESS = re.compile(r"[^\s@<>()\[\]{}'\",;:]+@[^\s@<>()\[\]{}'\",;:]+")


class _Outcome(enum.Enum):
    SENT = "sent"
    NOTHING_TO_SEND = "nothing to send"
    NOT_CLAIMED = "done or being sent elsewhere"
    FAILED = "failed"
    UNREACHABLE = "mail server unreachable"


def in_recipient_language(recipient) -> translation.override:
    """For a builder: render a message (subject, body, links) in its recipient's
    language, a member's or subscriber's stored `language`, else in the language
    the mail was recorded in (staff mail to several people stays in that one)."""
    code = supported(getattr(recipient, "language", "")) or translation.get_language()
    return translation.override(code)


# --- Recording ----------------------------------------------------------------


def mail_queue(
    *, kind: str, object_id: int, key: str = "", language: str | None = None
) -> OutgoingMail:
    """Record one e-mail in the caller's transaction; it is sent after the commit.

    Recording the same (kind, object_id, key) again returns the existing row and
    sends nothing more. `language` (default LANGUAGE_CODE) is active while the
    builder renders the message.
    """
    mail = _record(kind=kind, object_id=object_id, key=key, language=language)
    if mail.sent_at is None:
        transaction.on_commit(partial(_publish, [mail.pk]))
    return mail


def mail_queue_many(
    *, kind: str, items: Iterable[tuple[int, str]], language: str | None = None
) -> int:
    """`mail_queue` for many (object_id, key) pairs of one kind, in one INSERT.

    Returns how many of them wait to be sent.
    """
    _check_kind(kind)
    wanted = set(items)
    if not wanted:
        return 0
    now = timezone.now()
    # A pair recorded before (a retried call) is skipped by the unique constraint.
    OutgoingMail.objects.bulk_create(
        [
            _new(kind, object_id, key, language=language, now=now)
            for object_id, key in sorted(wanted)
        ],
        ignore_conflicts=True,
    )
    rows = (
        OutgoingMail.objects.unsent()
        .filter(kind=kind, object_id__in={object_id for object_id, _key in wanted})
        .order_by("pk")
        .values_list("pk", "object_id", "key")
    )
    ids = [pk for pk, object_id, key in rows if (object_id, key) in wanted]
    if ids:
        transaction.on_commit(partial(_publish, ids))
    return len(ids)


def mail_send_now(
    *, kind: str, object_id: int, key: str = "", language: str | None = None
) -> bool:
    """Record the mail if it is new and send it in this process; True if sent.

    For mail that starts in a task rather than in a request (the weekly
    digest): the worker already runs, so there is nothing to queue.
    """
    mail = _record(kind=kind, object_id=object_id, key=key, language=language)
    return mail.sent_at is None and mail_send(mail_id=mail.pk)


def _record(
    *, kind: str, object_id: int, key: str, language: str | None
) -> OutgoingMail:
    _check_kind(kind)
    new = _new(kind, object_id, key, language=language, now=timezone.now())
    mail, _created = OutgoingMail.objects.get_or_create(
        kind=kind,
        object_id=object_id,
        key=key,
        defaults={
            "language": new.language,
            "created_at": new.created_at,
            "due_at": new.due_at,
        },
    )
    return mail


def _new(
    kind: str, object_id: int, key: str, *, language: str | None, now: datetime
) -> OutgoingMail:
    return OutgoingMail(
        kind=kind,
        object_id=object_id,
        key=key,
        language=language or settings.LANGUAGE_CODE,
        created_at=now,
        due_at=now + settings.MAIL_SWEEP_DELAY,
    )


def _publish(mail_ids: list[int]) -> None:
    """After the commit: hand each mail to a worker. Never raises.

    The rows are committed, so a failure here loses nothing: the sweep sends
    what is left. Raising instead would answer a request whose rows are stored
    with an error page, and the person would submit it again.
    """
    for position, mail_id in enumerate(mail_ids):
        if not publish(SEND_TASK, args=(mail_id,)):
            # The broker is down: do not wait on it once per remaining mail.
            logger.warning(
                "mail_queue_failed",
                extra={"mail_id": mail_id, "left_for_sweep": len(mail_ids) - position},
            )
            return


# --- Sending --------------------------------------------------------------------


def mail_send(*, mail_id: int) -> bool:
    """Send one recorded mail unless it is done or being sent; True if it went out.

    Safe to run twice and at the same time as the sweep. A failed send never
    raises: the error is kept on the row and the sweep tries again later.
    """
    return _send(mail_id) is _Outcome.SENT


def mail_sweep(*, limit: int = 200) -> int:
    """Send unsent mail past its delay or back-off (beat task); returns how many."""
    now = timezone.now()
    ids = list(
        _claimable(now)
        .filter(due_at__lte=now)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for position, mail_id in enumerate(ids):
        outcome = _send(mail_id)
        sent += outcome is _Outcome.SENT
        if outcome is _Outcome.UNREACHABLE:
            logger.warning(
                "mail_sweep_stopped", extra={"left_for_next_run": len(ids) - position}
            )
            break
    if ids:
        logger.info("mail_sweep", extra={"due": len(ids), "sent": sent})
    return sent


def mail_retry_failed() -> int:
    """Give mail that used up its attempts a fresh set, due now; returns how many."""
    now = timezone.now()
    return (
        OutgoingMail.objects.failed(settings.MAIL_MAX_ATTEMPTS)
        .filter(
            Q(claimed_at__isnull=True)
            | Q(claimed_at__lt=now - settings.MAIL_CLAIM_LEASE)
        )
        .update(attempts=0, due_at=now, claimed_at=None)
    )


def _claimable(now: datetime) -> QuerySet[OutgoingMail]:
    """Unsent, attempts left, and nobody sending it, or their claim has expired.

    A claim older than MAIL_CLAIM_LEASE belongs to a worker that died mid-send;
    EMAIL_TIMEOUT keeps a live send well inside the lease.
    """
    return (
        OutgoingMail.objects.unsent()
        .filter(attempts__lt=settings.MAIL_MAX_ATTEMPTS)
        .filter(
            Q(claimed_at__isnull=True)
            | Q(claimed_at__lt=now - settings.MAIL_CLAIM_LEASE)
        )
    )


def _send(mail_id: int) -> _Outcome:
    now = timezone.now()
    # One UPDATE claims the row: of two workers (task and sweep, or a task
    # delivered twice) only one matches; PostgreSQL re-checks the condition
    # after waiting for the other's row lock.
    claimed = (
        _claimable(now)
        .filter(pk=mail_id)
        .update(claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return _Outcome.NOT_CLAIMED
    mail = OutgoingMail.objects.get(pk=mail_id)
    try:
        with transaction.atomic(), translation.override(mail.language):
            message = builder_for(mail.kind)(object_id=mail.object_id, key=mail.key)
            if message is not None and not message.recipients():
                message = None
            if message is not None:
                message.send()
            stamped = OutgoingMail.objects.filter(pk=mail.pk, claimed_at=now).update(
                sent_at=timezone.now(),
                skipped=message is None,
                claimed_at=None,
                last_error="",
            )
    except Exception as exc:
        return _failed(mail, claimed_at=now, exc=exc)
    log = {"mail_id": mail.pk, "kind": mail.kind, "attempt": mail.attempts}
    if not stamped:
        # Slower than the lease: another worker may have sent it as well.
        logger.error("mail_claim_expired_while_sending", extra=log)
    if message is None:
        logger.info("mail_nothing_to_send", extra=log)
        return _Outcome.NOTHING_TO_SEND
    logger.info("mail_sent", extra=log)
    return _Outcome.SENT


def _failed(mail: OutgoingMail, *, claimed_at: datetime, exc: Exception) -> _Outcome:
    """Keep the error on the row, release the claim and set the next try."""
    backoff = min(
        settings.MAIL_SWEEP_DELAY * 2 ** (mail.attempts - 1),
        settings.MAIL_RETRY_MAX_DELAY,
    )
    error = describe_error(exc)
    OutgoingMail.objects.filter(pk=mail.pk, claimed_at=claimed_at).update(
        claimed_at=None, due_at=timezone.now() + backoff, last_error=error
    )
    gave_up = mail.attempts >= settings.MAIL_MAX_ATTEMPTS
    (logger.error if gave_up else logger.warning)(
        "mail_gave_up" if gave_up else "mail_send_failed",
        extra={
            "mail_id": mail.pk,
            "kind": mail.kind,
            "attempt": mail.attempts,
            "error": error,
            "where": _where(exc),
        },
    )
    return _Outcome.UNREACHABLE if isinstance(exc, UNREACHABLE) else _Outcome.FAILED


def _where(exc: BaseException) -> str:
    """The project line that failed: no traceback, its text could hold addresses."""
    frames = traceback.extract_tb(exc.__traceback__)
    root = str(settings.BASE_DIR)
    ours = [f for f in frames if f.filename.startswith(root)]
    ours = [f for f in ours if "-packages" not in f.filename]
    frame = (ours or frames)[-1]
    return f"{frame.filename}:{frame.lineno}"


def describe_error(exc: BaseException) -> str:
    """Exception class and message, every e-mail address masked, for logs and rows."""
    return _ADDRESS.sub("<address>", f"{type(exc).__name__}: {exc}")[:500]


# --- Kinds ------------------------------------------------------------------------


def builder_for(kind: str) -> Builder:
    """The builder settings.MAIL_KINDS names for this kind."""
    _check_kind(kind)
    return import_string(settings.MAIL_KINDS[kind])


def _check_kind(kind: str) -> None:
    if kind not in settings.MAIL_KINDS:
        raise ImproperlyConfigured(
            f"Unknown mail kind {kind!r}: add it to settings.MAIL_KINDS."
        )


def check_mail_kinds(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """System check: every MAIL_KINDS entry imports and is callable."""
    errors = []
    max_length = OutgoingMail._meta.get_field("kind").max_length
    for kind, path in settings.MAIL_KINDS.items():
        if len(kind) > max_length:
            errors.append(
                checks.Error(
                    f"Mail kind {kind!r} is longer than {max_length} characters.",
                    id="portal.E001",
                )
            )
        try:
            builder = import_string(path)
        except ImportError as exc:
            errors.append(
                checks.Error(
                    f"MAIL_KINDS[{kind!r}] = {path!r} cannot be imported: {exc}",
                    id="portal.E002",
                )
            )
            continue
        if not callable(builder):
            errors.append(
                checks.Error(
                    f"MAIL_KINDS[{kind!r}] = {path!r} is not callable.",
                    id="portal.E003",
                )
            )
    return errors
