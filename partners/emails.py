"""What the partner directory's e-mails say: builders for portal.mail.

Each returns the message for a recorded mail, or None when there is nothing to
send any more, and stamps the row the admin shows (`emailed_at`, `relayed_at`)
in the transaction that marks the mail sent.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.mail import in_recipient_language
from portal.services import staff_recipients

from .models import ContactRelay, DecisionAction, VerificationDecision


def partner_decision(*, object_id: int, key: str) -> EmailMessage | None:
    """Tell the researcher what staff decided about their profile."""
    decision = _unsent_decision(object_id)
    if decision is None:
        return None
    partner = decision.partner
    user = partner.user
    if not (user.is_active and user.deleted_at is None):
        return None
    with in_recipient_language(user):
        return _decision_message(decision, user)


def _decision_message(decision: VerificationDecision, user) -> EmailMessage:
    partner = decision.partner
    subjects = {
        DecisionAction.VERIFIED: _("Your partner profile is verified"),
        DecisionAction.RETURNED: _("Your partner profile needs changes"),
        DecisionAction.UNLISTED: _("Your partner profile was unlisted"),
    }
    context = {
        "decision": decision,
        "partner": partner,
        "profile_url": settings.SITE_URL + partner.get_absolute_url(),
        "edit_url": settings.SITE_URL + reverse("partners:edit"),
        "site_name": settings.SITE_NAME,
    }
    return EmailMessage(
        subject=f"[{settings.SITE_NAME}] {subjects[decision.action]}",
        body=render_to_string("partners/email/decision.txt", context),
        to=[user.email],
    )


def pending_staff(*, object_id: int, key: str) -> EmailMessage | None:
    """Tell staff a profile waits for verification."""
    decision = _unsent_decision(object_id)
    if decision is None:
        return None
    recipients = staff_recipients()
    if not recipients:
        return None
    admin_url = settings.SITE_URL + reverse(
        "admin:partners_partner_change", args=[decision.partner_id]
    )
    return EmailMessage(
        subject=f"[{settings.SITE_NAME}] "
        + _("Partner profile to verify: %(name)s")
        % {"name": decision.partner.display_name},
        body=render_to_string(
            "partners/email/pending_staff.txt",
            {"decision": decision, "admin_url": admin_url},
        ),
        to=recipients,
    )


def contact_relay(*, object_id: int, key: str) -> EmailMessage | None:
    """Forward a member's message to the partner, with Reply-To the sender."""
    relay = (
        ContactRelay.objects.select_related("partner__user", "sender")
        .filter(pk=object_id, relayed_at__isnull=True)
        .first()
    )
    if relay is None:  # deleted, or relayed by the release before the outbox
        return None
    relay.relayed_at = timezone.now()
    relay.save(update_fields=["relayed_at"])
    partner, sender = relay.partner, relay.sender
    # The partner may have switched contact off since the message was written.
    if not (partner.accepts_contact and partner.user.is_active and sender.is_active):
        return None
    with in_recipient_language(partner.user):
        return _relay_message(relay)


def _relay_message(relay: ContactRelay) -> EmailMessage:
    partner, sender = relay.partner, relay.sender
    context = {
        "relay": relay,
        "partner": partner,
        "sender": sender,
        "edit_url": settings.SITE_URL + reverse("partners:edit"),
        "site_name": settings.SITE_NAME,
    }
    return EmailMessage(
        subject=f"[{settings.SITE_NAME}] {relay.subject}",
        body=render_to_string("partners/email/contact_relay.txt", context),
        to=[partner.user.email],
        reply_to=[sender.email],
    )


def _unsent_decision(decision_id: int) -> VerificationDecision | None:
    """The decision, stamped as e-mailed; None if gone or e-mailed already."""
    decision = (
        VerificationDecision.objects.select_related("partner__user")
        .filter(pk=decision_id, emailed_at__isnull=True)
        .first()
    )
    if decision is not None:
        decision.emailed_at = timezone.now()
        decision.save(update_fields=["emailed_at"])
    return decision
