"""E-mail tasks. Each takes ids, is safe to run twice, and retries on mail errors."""

import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    ContactMessage,
    WebinarDelivery,
    WebinarMailing,
    WebinarSubscriber,
)

MAIL_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError)
RETRY = {
    "autoretry_for": MAIL_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 6,
}


@shared_task(**RETRY)
def notify_staff_of_contact(message_id: int) -> bool:
    from .services import staff_recipients

    with transaction.atomic():
        msg = (
            ContactMessage.objects.select_for_update()
            .filter(pk=message_id, staff_notified_at__isnull=True)
            .first()
        )
        if msg is None:  # already sent, or deleted meanwhile
            return False
        recipients = staff_recipients()
        if recipients:
            body = render_to_string(
                "email/contact_staff.txt",
                {
                    "msg": msg,
                    "admin_url": settings.SITE_URL
                    + reverse("admin:portal_contactmessage_change", args=[msg.pk]),
                },
            )
            EmailMessage(
                subject=f"[{settings.SITE_NAME}] "
                + _("Contact: %(topic)s") % {"topic": msg.get_topic_display()},
                body=body,
                to=recipients,
                reply_to=[msg.email],
            ).send()
        msg.staff_notified_at = timezone.now()
        msg.save(update_fields=["staff_notified_at"])
    return True


def _unsubscribe_url(subscriber: WebinarSubscriber) -> str:
    from .services import webinar_token

    token = webinar_token(subscriber, purpose="unsubscribe")
    return settings.SITE_URL + reverse("webinar_unsubscribe", args=[token])


def _list_unsubscribe_headers(url: str) -> dict[str, str]:
    # RFC 8058: mail clients show an "Unsubscribe" button that POSTs to the URL.
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@shared_task(**RETRY)
def send_webinar_mailing(mailing_id: int, subscriber_id: int) -> bool:
    """Send one mailing to one subscriber, unless already sent or unsubscribed."""
    with transaction.atomic():
        # The row lock makes a retried or duplicated task wait, then see the
        # delivery the first one recorded.
        subscriber = (
            WebinarSubscriber.objects.receiving()
            .select_for_update()
            .filter(pk=subscriber_id)
            .first()
        )
        mailing = WebinarMailing.objects.filter(pk=mailing_id).first()
        if subscriber is None or mailing is None:
            return False
        if WebinarDelivery.objects.filter(
            mailing=mailing, subscriber=subscriber
        ).exists():
            return False
        url = _unsubscribe_url(subscriber)
        EmailMessage(
            subject=f"[{settings.SITE_NAME}] {mailing.subject}",
            body=render_to_string(
                "email/webinar_mailing.txt",
                {"mailing": mailing, "unsubscribe_url": url},
            ),
            to=[subscriber.email],
            headers=_list_unsubscribe_headers(url),
        ).send()
        WebinarDelivery.objects.create(mailing=mailing, subscriber=subscriber)
    return True


@shared_task(**RETRY)
def send_webinar_confirmation(subscriber_id: int) -> bool:
    from .services import webinar_token

    subscriber = WebinarSubscriber.objects.filter(
        pk=subscriber_id, confirmed_at__isnull=True, unsubscribed_at__isnull=True
    ).first()
    if subscriber is None:
        return False
    confirm = webinar_token(subscriber, purpose="confirm")
    context = {
        "confirm_url": settings.SITE_URL + reverse("webinar_confirm", args=[confirm]),
        "unsubscribe_url": _unsubscribe_url(subscriber),
        "days": settings.WEBINAR_CONFIRM_MAX_AGE.days,
    }
    message = EmailMessage(
        subject=f"[{settings.SITE_NAME}] " + _("Confirm your webinar subscription"),
        body=render_to_string("email/webinar_confirm.txt", context),
        to=[subscriber.email],
        headers=_list_unsubscribe_headers(context["unsubscribe_url"]),
    )
    message.send()
    return True
