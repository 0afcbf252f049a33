"""Members write to a listed partner through a relayed form; the partner's address
is never shown to them."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal import access
from portal.mail import mail_queue
from portal.models import User

from .models import (
    ContactRelay,
    Partner,
)

logger = logging.getLogger(__name__)


def contact_relay_create(
    *, partner: Partner, sender: User, subject: str, message: str
) -> ContactRelay:
    """Log a member's message to a partner and queue its relay by e-mail.

    Preconditions: the sender can participate; the partner is listed and accepts
    messages. The rate limit is applied by the caller (per member, on the cache).
    """
    access.require_participant(sender)
    if partner.user_id == sender.pk:
        raise ValidationError(_("This is your own profile."))
    if not (partner.is_listed and partner.accepts_contact):
        raise ValidationError(_("This partner does not accept messages at the moment."))
    relay = ContactRelay(
        partner=partner,
        sender=sender,
        subject=" ".join((subject or "").split()),
        message=(message or "").strip(),
    )
    relay.full_clean()
    with transaction.atomic():
        relay.save()
        mail_queue(kind="partners.contact_relay", object_id=relay.pk)
    logger.info(
        "partner_contact", extra={"relay_id": relay.pk, "partner_id": partner.pk}
    )
    return relay
