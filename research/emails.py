"""What the evidence editors' e-mail says: a builder for portal.mail."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import EvidenceSummary, StaleReviewDigest
from .services import editor_recipients


def stale_reviews(*, object_id: int, key: str) -> EmailMessage | None:
    """The summaries past their review date (key: the ISO week, e.g. "2025-W14").

    The week's StaleReviewDigest row, with its counts, is written in the
    transaction that marks the mail sent: a mail error rolls it back.
    """
    digest, created = StaleReviewDigest.objects.get_or_create(week=key)
    if not created:  # sent by the release before the outbox
        return None
    today = timezone.localdate()
    stale = list(EvidenceSummary.objects.stale(today).order_by("next_review_due"))
    recipients = editor_recipients() if stale else []
    digest.summary_count = len(stale)
    digest.recipient_count = len(recipients)
    digest.save(update_fields=["summary_count", "recipient_count"])
    if not (stale and recipients):
        return None
    body = render_to_string(
        "research/email/stale_reviews.txt",
        {
            "summaries": stale,
            "today": today,
            "dashboard_url": settings.SITE_URL + reverse("research:staff"),
        },
    )
    return EmailMessage(
        subject=f"[{settings.SITE_NAME}] "
        + _("%(count)d evidence summaries are due for review") % {"count": len(stale)},
        body=body,
        to=recipients,
    )
