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

from .models import ContactMessage, WebinarSubscriber

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


@shared_task(**RETRY)
def send_webinar_confirmation(subscriber_id: int) -> bool:
    from .services import webinar_token

    subscriber = WebinarSubscriber.objects.filter(
        pk=subscriber_id, confirmed_at__isnull=True, unsubscribed_at__isnull=True
    ).first()
    if subscriber is None:
        return False
    confirm = webinar_token(subscriber, purpose="confirm")
    unsubscribe = webinar_token(subscriber, purpose="unsubscribe")
    context = {
        "confirm_url": settings.SITE_URL + reverse("webinar_confirm", args=[confirm]),
        "unsubscribe_url": settings.SITE_URL
        + reverse("webinar_unsubscribe", args=[unsubscribe]),
        "days": settings.WEBINAR_CONFIRM_MAX_AGE.days,
    }
    message = EmailMessage(
        subject=f"[{settings.SITE_NAME}] " + _("Confirm your webinar subscription"),
        body=render_to_string("email/webinar_confirm.txt", context),
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()
    return True
