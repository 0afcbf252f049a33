"""portal.mail: recorded with the change, sent once, failures left to the sweep."""

import ast
import datetime
import logging
import smtplib
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation

from portal.mail import (
    check_mail_kinds,
    describe_error,
    mail_queue,
    mail_queue_many,
    mail_send,
    mail_send_now,
    mail_sweep,
)
from portal.models import OutgoingMail
from tests.clock import later

ROOT = Path(__file__).resolve().parents[2]
KIND = "tests.echo"
BUILT: list[dict] = []


def echo(*, object_id: int, key: str) -> EmailMessage | None:
    """A test builder: records what it saw; key "none" means nothing to send."""
    BUILT.append(
        {"object_id": object_id, "key": key, "language": translation.get_language()}
    )
    if key == "none":
        return None
    return EmailMessage(
        subject=f"Echo {object_id}", body=key, to=[f"person{object_id}@example.org"]
    )


@pytest.fixture(autouse=True)
def echo_kind(settings):
    settings.MAIL_KINDS = {**settings.MAIL_KINDS, KIND: f"{__name__}.echo"}
    settings.LANGUAGES = [("en", "English"), ("fr", "French")]
    BUILT.clear()


def logged(caplog) -> str:
    """Everything the log records carry, extra fields included."""
    return " ".join(str(v) for r in caplog.records for v in vars(r).values())


def failing_smtp(exc: Exception):
    return mock.patch.object(EmailBackend, "send_messages", side_effect=exc)


def test_a_mail_is_sent_after_the_commit_in_the_default_language(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mail_queue(kind=KIND, object_id=7, key="hello")
        assert mail.outbox == []
    [message] = mail.outbox
    assert message.to == ["person7@example.org"]
    assert BUILT == [{"object_id": 7, "key": "hello", "language": "en"}]
    row = OutgoingMail.objects.get()
    assert row.sent_at is not None and not row.skipped
    assert (row.attempts, row.claimed_at, row.last_error) == (1, None, "")


def test_the_builder_renders_in_the_language_asked_for(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(kind=KIND, object_id=1, language="fr")
    assert BUILT[0]["language"] == "fr"
    assert translation.get_language() == "en"


def test_a_rolled_back_change_leaves_no_mail(db, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        mail_queue(kind=KIND, object_id=1)
        raise RuntimeError("the service failed after recording")
    assert callbacks == []
    assert not OutgoingMail.objects.exists()
    assert mail.outbox == []


def test_the_same_mail_recorded_twice_is_one_row_and_one_message(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = mail_queue(kind=KIND, object_id=1, key="k")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = mail_queue(kind=KIND, object_id=1, key="k")
    assert again.pk == first.pk
    assert callbacks == [], "a sent mail is not queued again"
    assert mail_send(mail_id=first.pk) is False
    assert mail_send_now(kind=KIND, object_id=1, key="k") is False
    assert len(mail.outbox) == 1


def test_many_mails_are_recorded_once_each(db, django_capture_on_commit_callbacks):
    items = [(1, "a"), (1, "b"), (2, "a")]
    with django_capture_on_commit_callbacks(execute=True):
        assert mail_queue_many(kind=KIND, items=items) == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert mail_queue_many(kind=KIND, items=[*items, (3, "c")]) == 1
    assert OutgoingMail.objects.count() == 4
    assert len(mail.outbox) == 4


def test_an_unknown_kind_fails_at_once(db):
    with pytest.raises(ImproperlyConfigured, match="MAIL_KINDS"):
        mail_queue(kind="tests.nobody", object_id=1)


def test_nothing_to_send_is_done_and_never_swept(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = mail_queue(kind=KIND, object_id=1, key="none")
    row.refresh_from_db()
    assert row.sent_at is not None and row.skipped
    with later(60):
        assert mail_sweep() == 0
    assert mail.outbox == [] and len(BUILT) == 1


def test_a_failed_send_keeps_the_error_without_addresses_and_backs_off(
    db, django_capture_on_commit_callbacks, caplog
):
    refused = smtplib.SMTPRecipientsRefused(
        {"person1@example.org": (550, b"No such user <person1@example.org>")}
    )
    with failing_smtp(refused), django_capture_on_commit_callbacks(execute=True):
        row = mail_queue(kind=KIND, object_id=1)
    row.refresh_from_db()
    assert row.sent_at is None and row.claimed_at is None and row.attempts == 1
    assert row.last_error.startswith("SMTPRecipientsRefused")
    assert "example.org" not in row.last_error
    assert "example.org" not in logged(caplog)
    assert "mail_send_failed" in caplog.text
    # First back-off: the sweep delay; then twice that.
    with later(4):
        assert mail_sweep() == 0
    with later(6), failing_smtp(smtplib.SMTPDataError(451, b"try later")):
        assert mail_sweep() == 0
    row.refresh_from_db()
    assert row.attempts == 2
    with later(12):
        assert mail_sweep() == 0, "second back-off is ten minutes"
    with later(17):
        assert mail_sweep() == 1
    assert len(mail.outbox) == 1


def test_after_the_last_attempt_the_mail_is_left_for_staff(
    db, settings, django_capture_on_commit_callbacks, client_for, moderator
):
    settings.MAIL_MAX_ATTEMPTS = 2
    with failing_smtp(smtplib.SMTPDataError(554, b"rejected")):
        with django_capture_on_commit_callbacks(execute=True):
            row = mail_queue(kind=KIND, object_id=1)
        with later(6):
            assert mail_sweep() == 0
    with later(600):
        assert mail_sweep() == 0
        assert mail_send(mail_id=row.pk) is False
    row.refresh_from_db()
    assert (row.attempts, row.sent_at) == (2, None)
    assert list(OutgoingMail.objects.failed(2)) == [row]
    page = client_for(moderator).get("/staff/portal/outgoingmail/", {"state": "failed"})
    assert page.status_code == 200
    assert "SMTPDataError" in page.content.decode()
    # After the outage an operator gives it another go.
    out = StringIO()
    call_command("mail_sweep", "--retry-failed", stdout=out)
    assert out.getvalue().splitlines() == [
        "1 failed e-mails to try again.",
        "1 e-mails sent.",
    ]
    assert len(mail.outbox) == 1


def test_a_mail_being_sent_is_not_taken_over_until_its_claim_expires(db):
    row = OutgoingMail.objects.create(
        kind=KIND,
        object_id=2,
        language="en",
        due_at=timezone.now(),
        claimed_at=timezone.now(),
        attempts=1,
    )
    assert mail_send(mail_id=row.pk) is False
    with later(5):
        assert mail_sweep() == 0
    # The worker holding it died: after the lease another one sends it.
    with later(11):
        assert mail_sweep() == 1
    row.refresh_from_db()
    assert row.attempts == 2 and row.sent_at is not None
    assert len(mail.outbox) == 1


def test_the_sweep_stops_when_the_mail_server_is_unreachable(db):
    for object_id in (1, 2, 3):
        OutgoingMail.objects.create(
            kind=KIND, object_id=object_id, language="en", due_at=timezone.now()
        )
    with failing_smtp(ConnectionRefusedError(111, "Connection refused")):
        assert mail_sweep() == 0
    assert sorted(OutgoingMail.objects.values_list("attempts", flat=True)) == [0, 0, 1]
    with later(6):
        assert mail_sweep() == 3


def test_a_builder_error_is_kept_and_rolls_back_what_it_wrote(db, settings, caplog):
    settings.MAIL_KINDS = {**settings.MAIL_KINDS, KIND: f"{__name__}.broken"}
    assert mail_send_now(kind=KIND, object_id=1) is False
    row = OutgoingMail.objects.get()
    assert row.last_error == "LookupError: no such template"
    assert not OutgoingMail.objects.filter(kind="tests.side_effect").exists()
    assert "test_mail.py" in caplog.records[-1].where


def broken(*, object_id: int, key: str) -> EmailMessage | None:
    OutgoingMail.objects.create(
        kind="tests.side_effect",
        object_id=object_id,
        language="en",
        due_at=timezone.now(),
    )
    raise LookupError("no such template")


def test_errors_are_described_without_addresses():
    exc = ValueError("bad address <ana.maria+nec@example.org>, or x@y.org")
    assert describe_error(exc) == "ValueError: bad address <<address>>, or <address>"


def test_every_mail_kind_names_a_builder_that_imports(settings):
    assert check_mail_kinds() == []
    settings.MAIL_KINDS = {
        **settings.MAIL_KINDS,
        "tests.missing": "portal.emails.no_such_builder",
        "tests.constant": "portal.mail.SEND_TASK",
    }
    assert sorted(e.id for e in check_mail_kinds()) == ["portal.E002", "portal.E003"]


def test_the_sweep_runs_every_minute_and_the_send_task_is_registered(settings):
    from portal.celery import app
    from portal.mail import SEND_TASK

    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["portal-outgoing-mail-sweep"]
    assert entry["task"] in app.tasks
    assert entry["schedule"] == datetime.timedelta(minutes=1)
    assert SEND_TASK in app.tasks


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found |= {base, *(f"{base}.{a.name}" for a in node.names)}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


@pytest.mark.parametrize(
    "module",
    [
        "portal/mail.py",
        "portal/emails.py",
        "portal/services.py",
        "partners/emails.py",
        "partners/services.py",
        "research/emails.py",
        "research/services.py",
    ],
)
def test_services_and_mail_never_import_tasks(module):
    """Tasks import services and portal.mail, never the other way round."""
    assert not [name for name in _imports(ROOT / module) if "tasks" in name]


def test_no_address_reaches_the_logs_when_a_mail_goes_out(
    db, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG, logger="portal.mail")
    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(kind=KIND, object_id=1)
    assert "mail_sent" in caplog.text
    assert "@" not in logged(caplog)
