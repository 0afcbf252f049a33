"""E-mails of the partner directory. Each task takes ids and is safe to run twice."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from portal.tasks import RETRY

from .models import ContactRelay, DecisionAction, VerificationDecision


@shared_task(**RETRY)
def send_partner_decision(decision_id: int) -> bool:
    """Tell the researcher what staff decided about their profile, once."""
    with transaction.atomic():
        decision = (
            VerificationDecision.objects.select_for_update(of=("self",))
            .select_related("partner__user")
            .filter(pk=decision_id, emailed_at__isnull=True)
            .first()
        )
        if decision is None:  # already sent, or the profile was deleted meanwhile
            return False
        user = decision.partner.user
        if user.is_active and user.deleted_at is None:
            context = {
                "decision": decision,
                "partner": decision.partner,
                "profile_url": settings.SITE_URL + decision.partner.get_absolute_url(),
                "edit_url": settings.SITE_URL + reverse("partners:edit"),
                "site_name": settings.SITE_NAME,
            }
            subjects = {
                DecisionAction.VERIFIED: "Your partner profile is verified",
                DecisionAction.RETURNED: "Your partner profile needs changes",
                DecisionAction.UNLISTED: "Your partner profile was unlisted",
            }
            EmailMessage(
                subject=f"[{settings.SITE_NAME}] {subjects[decision.action]}",
                body=render_to_string("partners/email/decision.txt", context),
                to=[user.email],
            ).send()
        decision.emailed_at = timezone.now()
        decision.save(update_fields=["emailed_at"])
    return True


@shared_task(**RETRY)
def notify_staff_of_pending(decision_id: int) -> bool:
    """Tell staff a profile waits for verification. Sent at most once."""
    from portal.services import staff_recipients

    with transaction.atomic():
        decision = (
            VerificationDecision.objects.select_for_update(of=("self",))
            .select_related("partner")
            .filter(pk=decision_id, emailed_at__isnull=True)
            .first()
        )
        if decision is None:
            return False
        recipients = staff_recipients()
        if recipients:
            admin_url = settings.SITE_URL + reverse(
                "admin:partners_partner_change", args=[decision.partner_id]
            )
            EmailMessage(
                subject=f"[{settings.SITE_NAME}] Partner profile to verify: "
                f"{decision.partner.display_name}",
                body=render_to_string(
                    "partners/email/pending_staff.txt",
                    {"decision": decision, "admin_url": admin_url},
                ),
                to=recipients,
            ).send()
        decision.emailed_at = timezone.now()
        decision.save(update_fields=["emailed_at"])
    return True


@shared_task(**RETRY)
def relay_contact_message(relay_id: int) -> bool:
    """Forward a member's message to the partner, with Reply-To the sender."""
    with transaction.atomic():
        relay = (
            ContactRelay.objects.select_for_update(of=("self",))
            .select_related("partner__user", "sender")
            .filter(pk=relay_id, relayed_at__isnull=True)
            .first()
        )
        if relay is None:
            return False
        partner, sender = relay.partner, relay.sender
        # The partner may have switched contact off since the message was written.
        if partner.accepts_contact and partner.user.is_active and sender.is_active:
            context = {
                "relay": relay,
                "partner": partner,
                "sender": sender,
                "edit_url": settings.SITE_URL + reverse("partners:edit"),
                "site_name": settings.SITE_NAME,
            }
            EmailMessage(
                subject=f"[{settings.SITE_NAME}] {relay.subject}",
                body=render_to_string("partners/email/contact_relay.txt", context),
                to=[partner.user.email],
                reply_to=[sender.email],
            ).send()
        relay.relayed_at = timezone.now()
        relay.save(update_fields=["relayed_at"])
    return True
