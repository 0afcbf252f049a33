"""What the portal's own e-mails say: builders for portal.mail (settings.MAIL_KINDS).

Each returns the message for a recorded mail, or None when there is nothing to
send any more. It runs in the transaction that stamps the mail as sent, so the
delivery records and stamps it writes stay only if the message goes out.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .mail import in_recipient_language
from .models import ContactMessage, WebinarDelivery, WebinarMailing, WebinarSubscriber
from .services import staff_recipients, webinar_token


def contact_staff(*, object_id: int, key: str) -> EmailMessage | None:
    """Staff hear about a contact-form message (object: the ContactMessage)."""
    msg = ContactMessage.objects.filter(pk=object_id).first()
    # Stamped already: notified by a task of the release before the outbox.
    if msg is None or msg.staff_notified_at is not None:
        return None
    msg.staff_notified_at = timezone.now()
    msg.save(update_fields=["staff_notified_at"])
    recipients = staff_recipients()
    if not recipients:
        return None
    admin_url = settings.SITE_URL + reverse(
        "admin:portal_contactmessage_change", args=[msg.pk]
    )
    return EmailMessage(
        subject=f"[{settings.SITE_NAME}] "
        + _("Contact: %(topic)s") % {"topic": msg.get_topic_display()},
        body=render_to_string(
            "email/contact_staff.txt", {"msg": msg, "admin_url": admin_url}
        ),
        to=recipients,
        reply_to=[msg.email],
    )


def webinar_confirmation(*, object_id: int, key: str) -> EmailMessage | None:
    """The double opt-in link (object: the subscriber; key: the sign-up's nonce)."""
    subscriber = WebinarSubscriber.objects.filter(
        pk=object_id,
        token_nonce=key,
        confirmed_at__isnull=True,
        unsubscribed_at__isnull=True,
    ).first()
    # Confirmed or gone meanwhile, or signed up again: that sign-up has its own mail.
    if subscriber is None:
        return None
    with in_recipient_language(subscriber):
        confirm = webinar_token(subscriber, purpose="confirm")
        unsubscribe_url = _unsubscribe_url(subscriber)
        context = {
            "confirm_url": settings.SITE_URL
            + reverse("webinar_confirm", args=[confirm]),
            "unsubscribe_url": unsubscribe_url,
            "days": settings.WEBINAR_CONFIRM_MAX_AGE.days,
        }
        return EmailMessage(
            subject=f"[{settings.SITE_NAME}] " + _("Confirm your webinar subscription"),
            body=render_to_string("email/webinar_confirm.txt", context),
            to=[subscriber.email],
            headers=_list_unsubscribe_headers(unsubscribe_url),
        )


def webinar_mailing(*, object_id: int, key: str) -> EmailMessage | None:
    """One staff mailing to one subscriber (object: the mailing; key: subscriber id)."""
    subscriber = WebinarSubscriber.objects.receiving().filter(pk=int(key)).first()
    mailing = WebinarMailing.objects.filter(pk=object_id).first()
    if subscriber is None or mailing is None:  # unsubscribed while it was queued
        return None
    _delivery, created = WebinarDelivery.objects.get_or_create(
        mailing=mailing, subscriber=subscriber
    )
    if not created:  # delivered by a task of the release before the outbox
        return None
    with in_recipient_language(subscriber):
        unsubscribe_url = _unsubscribe_url(subscriber)
        return EmailMessage(
            subject=f"[{settings.SITE_NAME}] {mailing.subject}",
            body=render_to_string(
                "email/webinar_mailing.txt",
                {"mailing": mailing, "unsubscribe_url": unsubscribe_url},
            ),
            to=[subscriber.email],
            headers=_list_unsubscribe_headers(unsubscribe_url),
        )


def _unsubscribe_url(subscriber: WebinarSubscriber) -> str:
    token = webinar_token(subscriber, purpose="unsubscribe")
    return settings.SITE_URL + reverse("webinar_unsubscribe", args=[token])


def _list_unsubscribe_headers(url: str) -> dict[str, str]:
    # RFC 8058: mail clients show an "Unsubscribe" button that POSTs to the URL.
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
