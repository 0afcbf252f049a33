"""Writes for the portal's own features: contact, webinars, accounts."""

import logging
import secrets
from typing import Any

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .hooks import app_modules
from .jsonld import json_ld
from .mail import mail_queue, mail_queue_many
from .markdown import render_markdown
from .models import FAQ, ContactMessage, User, WebinarMailing, WebinarSubscriber

logger = logging.getLogger(__name__)


class LinkError(Exception):
    """A confirmation or unsubscribe link that cannot be used, with the reason."""


# --- FAQ ----------------------------------------------------------------------


def faq_structured_data(questions: list[FAQ]) -> SafeString:
    """schema.org FAQPage JSON-LD, escaped for embedding in a <script> block."""
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": str(render_markdown(faq.answer)),
                },
            }
            for faq in questions
        ],
    }
    return json_ld(data)


# --- Contact --------------------------------------------------------------------


def contact_message_create(
    *, name: str, email: str, topic: str, message: str
) -> ContactMessage:
    """Store a message from the contact form and queue the staff notification."""
    with transaction.atomic():
        msg = ContactMessage(name=name, email=email, topic=topic, message=message)
        msg.full_clean()
        msg.save()
        mail_queue(kind="portal.contact_staff", object_id=msg.pk)
    logger.info("contact_message_received", extra={"contact_message_id": msg.pk})
    return msg


def staff_recipients() -> list[str]:
    if settings.CONTACT_RECIPIENTS:
        return list(settings.CONTACT_RECIPIENTS)
    return list(
        User.objects.active_staff().order_by("pk").values_list("email", flat=True)
    )


# --- Webinar subscriptions ------------------------------------------------------------


def webinar_token(subscriber: WebinarSubscriber, *, purpose: str) -> str:
    """The signed part of a confirm or unsubscribe link.

    It names the subscriber by id, never by address: a signature is not
    encryption, and links reach access logs, proxies and browser histories.
    """
    return signing.dumps(
        {"i": subscriber.pk, "n": subscriber.token_nonce}, salt=f"webinar-{purpose}"
    )


def webinar_link_read(token: str, *, purpose: str) -> dict[str, Any]:
    """Check a link's signature (and age, for confirmations); BadSignature if not.

    Links signed before subscribers were named by id carry the address ("e");
    none is made any more. An old confirmation link keeps its seven days. An old
    unsubscribe link sat in every mailing sent before, and leaving a list must
    stay one click, so it keeps working for WEBINAR_LEGACY_UNSUBSCRIBE_MAX_AGE.
    """
    max_age = settings.WEBINAR_CONFIRM_MAX_AGE
    salt = f"webinar-{purpose}"
    data = signing.loads(
        token, salt=salt, max_age=max_age if purpose == "confirm" else None
    )
    if not isinstance(data, dict) or not isinstance(data.get("n"), str):
        raise signing.BadSignature("Malformed token")
    if isinstance(data.get("i"), int):
        return data
    if isinstance(data.get("e"), str):
        if purpose != "confirm":
            max_age = settings.WEBINAR_LEGACY_UNSUBSCRIBE_MAX_AGE
        signing.loads(token, salt=salt, max_age=max_age)  # the old format's window
        return data
    raise signing.BadSignature("Malformed token")


def webinar_subscribe(*, email: str) -> WebinarSubscriber:
    """Start (or restart) double opt-in; a confirmed subscriber is left alone.

    Their mail is written in the language active now (the sign-up page's)."""
    email = email.strip().lower()
    language = translation.get_language() or ""
    with transaction.atomic():
        subscriber, created = (
            WebinarSubscriber.objects.select_for_update().get_or_create(
                email=email,
                defaults={"token_nonce": secrets.token_hex(8), "language": language},
            )
        )
        if subscriber.is_active:
            return subscriber
        if not created:
            subscriber.token_nonce = secrets.token_hex(8)
            subscriber.unsubscribed_at = None
            subscriber.confirmed_at = None
            subscriber.language = language
            subscriber.save(
                update_fields=[
                    "token_nonce",
                    "unsubscribed_at",
                    "confirmed_at",
                    "language",
                ]
            )
        # One confirmation per sign-up: a new sign-up has a new nonce, so a new mail.
        mail_queue(
            kind="portal.webinar_confirmation",
            object_id=subscriber.pk,
            key=subscriber.token_nonce,
        )
    return subscriber


def webinar_link_subscriber(
    *, link: dict[str, Any], lock: bool = False
) -> WebinarSubscriber:
    """The subscriber a checked link names; LinkError if it was replaced or is gone."""
    subscribers = WebinarSubscriber.objects.all()
    if lock:
        subscribers = subscribers.select_for_update()
    if "i" in link:
        subscriber = subscribers.filter(pk=link["i"]).first()
    else:
        subscriber = subscribers.filter(email=link["e"]).first()
    if subscriber is None or subscriber.token_nonce != link["n"]:
        raise LinkError(
            _("This link is no longer valid. Sign up again to get a new one.")
        )
    return subscriber


def webinar_confirm(*, link: dict[str, Any]) -> WebinarSubscriber:
    """Confirm a subscription from a verified link; replays change nothing."""
    with transaction.atomic():
        subscriber = webinar_link_subscriber(link=link, lock=True)
        if subscriber.unsubscribed_at:
            raise LinkError(
                _("You unsubscribed after this link was sent. Sign up again to rejoin.")
            )
        if subscriber.confirmed_at:
            raise LinkError(_("This address is already confirmed. Nothing changed."))
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return subscriber


def webinar_unsubscribe(*, link: dict[str, Any]) -> WebinarSubscriber:
    with transaction.atomic():
        subscriber = webinar_link_subscriber(link=link, lock=True)
        if subscriber.unsubscribed_at is None:
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["unsubscribed_at"])
    return subscriber


def webinar_mailing_send(*, mailing: WebinarMailing) -> int:
    """Queue a mailing to every confirmed, current subscriber; once only.

    Returns how many e-mails were queued. Each is its own outgoing mail, so one
    bad address or a mail-server hiccup never stops the others.
    """
    with transaction.atomic():
        mailing = WebinarMailing.objects.select_for_update().get(pk=mailing.pk)
        if mailing.sent_at is not None:
            raise ValidationError(
                _("This mailing was already sent on %(date)s.")
                % {"date": mailing.sent_at.date().isoformat()}
            )
        mailing.sent_at = timezone.now()
        mailing.save(update_fields=["sent_at"])
        ids = list(WebinarSubscriber.objects.receiving().values_list("pk", flat=True))
        mail_queue_many(
            kind="portal.webinar_mailing",
            items=[(mailing.pk, str(subscriber_id)) for subscriber_id in ids],
        )
    logger.info(
        "webinar_mailing_queued", extra={"mailing_id": mailing.pk, "count": len(ids)}
    )
    return len(ids)


# --- Accounts -------------------------------------------------------------------------


def account_export(*, user: User) -> dict[str, Any]:
    """Everything the portal holds about a person, as JSON-ready data."""
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "stakeholder_group": user.stakeholder_group,
            "profession": user.profession,
            "email_verified": user.email_verified,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values(
                "email", "verified", "primary"
            )
        ),
        "linked_accounts": list(
            SocialAccount.objects.filter(user=user).values("provider", "uid")
        ),
        "webinar_subscription": list(
            WebinarSubscriber.objects.filter(email__iexact=user.email).values(
                "email", "created_at", "confirmed_at", "unsubscribed_at"
            )
        ),
        "contact_messages": list(
            ContactMessage.objects.filter(email__iexact=user.email).values(
                "created_at", "topic", "message"
            )
        ),
    }
    for app, module in app_modules("privacy"):
        data[app] = module.export_user_data(user)
    return data


def account_delete(*, user: User) -> None:
    """Erase a person's personal data; see README "Deleting an account".

    Each app removes or anonymises what it holds first (votes go, comments that
    others replied to stay as "a deleted member"); then the account row is kept
    only as an anonymous tombstone so retained content still has an author.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        for _app, module in app_modules("privacy"):
            module.erase_user_data(user)
        old_email = user.email
        EmailAddress.objects.filter(user=user).delete()
        SocialAccount.objects.filter(user=user).delete()
        WebinarSubscriber.objects.filter(email__iexact=old_email).delete()
        ContactMessage.objects.filter(email__iexact=old_email).delete()
        user.email = f"deleted-{user.pk}@deleted.invalid"
        user.display_name = ""
        user.profession = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.email_verified = False
        user.deleted_at = timezone.now()
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
    logger.info("account_deleted", extra={"user_id": user.pk})


def user_participation_block(*, user: User, reason: str) -> User:
    """Stop a member voting, commenting and proposing; they can still read."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.participation_blocked_at is None:
            user.participation_blocked_at = timezone.now()
        user.participation_blocked_reason = reason
        user.save(
            update_fields=["participation_blocked_at", "participation_blocked_reason"]
        )
    logger.info("user_blocked", extra={"user_id": user.pk})
    return user


def user_participation_unblock(*, user: User) -> User:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.participation_blocked_at = None
        user.participation_blocked_reason = ""
        user.save(
            update_fields=["participation_blocked_at", "participation_blocked_reason"]
        )
    logger.info("user_unblocked", extra={"user_id": user.pk})
    return user


# --- Staff roles and site ---------------------------------------------------------


def moderator_group() -> Group:
    """The Moderators group; `migrate` keeps it in step, so this only looks it up."""
    group = Group.objects.filter(name=settings.MODERATOR_GROUP_NAME).first()
    return group or moderator_group_ensure()


def moderator_group_ensure(*, using: str = "default") -> Group:
    """Create the Moderators group and give it every MODERATOR_PERMISSIONS entry.

    Idempotent. Adds what is missing and never removes a permission, so a grant
    an administrator made by hand survives the next deploy. Unknown codenames are
    logged, not fatal: an app may be listed before its first migration exists.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    # Other apps' post_migrate may not have run yet: create their permissions now.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    with transaction.atomic(using=using):
        group, _created = Group.objects.using(using).get_or_create(
            name=settings.MODERATOR_GROUP_NAME
        )
        wanted = {tuple(name.split(".", 1)) for name in settings.MODERATOR_PERMISSIONS}
        found = Permission.objects.using(using).filter(
            content_type__app_label__in={app for app, _ in wanted},
            codename__in={code for _, code in wanted},
        )
        perms = [
            p
            for p in found.select_related("content_type")
            if (p.content_type.app_label, p.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in perms}
        for app_label, codename in sorted(missing):
            logger.warning(
                "moderator_permission_unknown",
                extra={"permission": f"{app_label}.{codename}"},
            )
        group.permissions.add(*perms)
    return group


def site_ensure(*, using: str = "default") -> None:
    """Name the sites-framework Site after SITE_URL/SITE_NAME (allauth's e-mails)."""
    from urllib.parse import urlsplit

    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.SITE_NAME}
    )
    Site.objects.clear_cache()


# --- Languages ----------------------------------------------------------------------


def member_language_set(*, user: User, language: str) -> None:
    """Remember a member's language (the switcher): pages after sign-in and the
    e-mails we send them use it. `language` must be one of settings.LANGUAGES."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("This language is not offered.")})
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(language=language)
    user.language = language


# --- Operations ---------------------------------------------------------------------


def broker_status() -> str:
    from .celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as exc:
        return f"error: {escape(exc.__class__.__name__)}"
