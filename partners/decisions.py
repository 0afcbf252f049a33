"""Staff decisions: verifying, returning and unlisting profiles, and confirming or
merging institutions. Each decision is logged and tells the researcher."""

import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import access
from portal.models import User

from .models import (
    DecisionAction,
    Institution,
    Partner,
    PartnerStatus,
)
from .services import (
    INSTITUTION_PERMISSION,
    VERIFY_PERMISSION,
    log_decision,
    partner_refresh_search,
)

logger = logging.getLogger(__name__)


def may_verify(user: User) -> bool:
    """Staff holding the verify permission: they list, return or unlist profiles."""
    return access.has_staff_perm(user, VERIFY_PERMISSION)


# --- Verification (staff) ------------------------------------------------------------


def _decide(
    *,
    partner: Partner,
    staff: User,
    action: str,
    allowed_from: set[str],
    new_status: str,
    reason: str,
) -> Partner:
    access.require_staff(
        staff,
        VERIFY_PERMISSION,
        message=_(
            "Only staff with the verify permission can take verification decisions."
        ),
    )
    reason = (reason or "").strip()
    with transaction.atomic():
        partner = (
            Partner.objects.select_for_update()
            .select_related("institution")
            .get(pk=partner.pk)
        )
        if partner.status not in allowed_from:
            raise ValidationError(
                _("“%(name)s” is %(status)s; this decision does not apply.")
                % {
                    "name": partner.display_name,
                    "status": partner.get_status_display().lower(),
                }
            )
        if action == DecisionAction.VERIFIED and not partner.institution.is_confirmed:
            raise ValidationError(
                _(
                    "Confirm or merge the institution “%(inst)s” first, so it is not "
                    "listed twice."
                )
                % {"inst": partner.institution.name}
            )
        if action != DecisionAction.VERIFIED and not reason:
            raise ValidationError({"reason": [_("Give the researcher a reason.")]})
        partner.status = new_status
        partner.status_reason = reason if action != DecisionAction.VERIFIED else ""
        if action == DecisionAction.VERIFIED:
            partner.verified_at = timezone.now()
            partner.verified_by = staff
        partner.save(
            update_fields=[
                "status",
                "status_reason",
                "verified_at",
                "verified_by",
                "updated_at",
            ]
        )
        log_decision(partner, action, actor=staff, reason=reason)
    return partner


def partner_verify(*, partner: Partner, staff: User, reason: str = "") -> Partner:
    """List the profile publicly with a verified badge and today's date."""
    return _decide(
        partner=partner,
        staff=staff,
        action=DecisionAction.VERIFIED,
        allowed_from={
            PartnerStatus.PENDING,
            PartnerStatus.RETURNED,
            PartnerStatus.UNLISTED,
        },
        new_status=PartnerStatus.VERIFIED,
        reason=reason,
    )


def partner_return(*, partner: Partner, staff: User, reason: str) -> Partner:
    """Send the profile back to the researcher with a reason they can answer."""
    return _decide(
        partner=partner,
        staff=staff,
        action=DecisionAction.RETURNED,
        allowed_from={PartnerStatus.PENDING, PartnerStatus.VERIFIED},
        new_status=PartnerStatus.RETURNED,
        reason=reason,
    )


def partner_unlist(*, partner: Partner, staff: User, reason: str) -> Partner:
    """Take the profile out of the directory; only staff can list it again."""
    return _decide(
        partner=partner,
        staff=staff,
        action=DecisionAction.UNLISTED,
        allowed_from={
            PartnerStatus.PENDING,
            PartnerStatus.VERIFIED,
            PartnerStatus.RETURNED,
        },
        new_status=PartnerStatus.UNLISTED,
        reason=reason,
    )


# --- Institutions (staff) -------------------------------------------------------------


def _require_institution_staff(staff: User) -> None:
    access.require_staff(
        staff,
        INSTITUTION_PERMISSION,
        message=_("Only staff can confirm or merge institutions."),
    )


def institution_confirm(*, institutions: Iterable[Institution], staff: User) -> int:
    _require_institution_staff(staff)
    ids = [i.pk for i in institutions]
    with transaction.atomic():
        return Institution.objects.filter(pk__in=ids, is_confirmed=False).update(
            is_confirmed=True
        )


def institution_merge(
    *, sources: Iterable[Institution], target: Institution, staff: User
) -> int:
    """Move every partner of `sources` to `target` and delete the sources."""
    _require_institution_staff(staff)
    source_ids = [i.pk for i in sources if i.pk != target.pk]
    with transaction.atomic():
        target = Institution.objects.select_for_update().get(pk=target.pk)
        moved = list(
            Partner.objects.filter(institution_id__in=source_ids).values_list(
                "pk", flat=True
            )
        )
        Partner.objects.filter(pk__in=moved).update(institution=target)
        Institution.objects.filter(pk__in=source_ids).delete()
        if not target.is_confirmed:
            target.is_confirmed = True
            target.save(update_fields=["is_confirmed"])
        partner_refresh_search(partner_ids=moved)
    logger.info(
        "institutions_merged", extra={"target_id": target.pk, "moved": len(moved)}
    )
    return len(moved)


def institution_refresh_partners(*, institution: Institution) -> None:
    """After staff rename an institution, its partners are found by the new name."""
    partner_refresh_search(
        partner_ids=institution.partners.values_list("pk", flat=True)
    )
