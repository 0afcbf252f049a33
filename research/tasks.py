"""Weekly e-mail to evidence editors listing summaries past their review date."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from portal.tasks import RETRY

from .models import EvidenceSummary, StaleReviewDigest
from .services import editor_recipients, iso_week


@shared_task(**RETRY)
def email_stale_reviews() -> bool:
    """Send this ISO week's list once; a second run in the same week does nothing.

    The week's digest row is written in the same transaction as the send, so a
    mail error rolls it back and the retry sends again.
    """
    today = timezone.localdate()
    week = iso_week(today)
    with transaction.atomic():
        # Claim the week first: a concurrent run blocks on the unique key and then
        # gives up, so editors never get the list twice.
        try:
            with transaction.atomic():
                digest = StaleReviewDigest.objects.create(week=week)
        except IntegrityError:
            return False
        stale = list(EvidenceSummary.objects.stale(today).order_by("next_review_due"))
        recipients = editor_recipients() if stale else []
        if stale and recipients:
            body = render_to_string(
                "research/email/stale_reviews.txt",
                {
                    "summaries": stale,
                    "today": today,
                    "dashboard_url": settings.SITE_URL + reverse("research:staff"),
                },
            )
            EmailMessage(
                subject=f"[{settings.SITE_NAME}] "
                f"{len(stale)} evidence summaries are due for review",
                body=body,
                to=recipients,
            ).send()
        digest.summary_count = len(stale)
        digest.recipient_count = len(recipients)
        digest.save(update_fields=["summary_count", "recipient_count"])
    return bool(stale and recipients)
