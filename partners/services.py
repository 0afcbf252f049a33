"""Writes for the partner directory: researchers' own profiles, and staff corrections.

Staff decisions (verification, institutions) are in decisions.py; the contact
relay is in contact.py.

Researchers and the API go through the same functions, so the verification
rules (a new or materially changed profile waits for staff) hold everywhere.
"""

import copy
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import access
from portal.mail import mail_queue
from portal.models import StakeholderGroup, User

from .models import (
    STAFF_ACTIONS,
    DecisionAction,
    Institution,
    OpenTo,
    Partner,
    PartnerStatus,
    Publication,
    ResearchArea,
    VerificationDecision,
)
from .validators import normalise_orcid, normalise_publication

logger = logging.getLogger(__name__)

TEXT_FIELDS = ("display_name", "title", "department", "city", "website", "bio")
# A change to any of these means staff must look at the profile again.
MATERIAL_FIELDS = ("display_name", "institution_id", "orcid")
MATERIAL_LABELS = {
    "display_name": "name",
    "institution_id": "institution",
    "orcid": "ORCID iD",
}
MAX_KEYWORDS = 20
MAX_KEYWORD_LENGTH = 50
MAX_PUBLICATIONS = 30
# Verify, return or unlist a profile (the Moderators group holds it).
VERIFY_PERMISSION = "partners.verify_partner"
# Correct a profile's details in the admin.
CHANGE_PERMISSION = "partners.change_partner"
# Confirm or merge institutions.
INSTITUTION_PERMISSION = "partners.change_institution"


# --- Who may do what ----------------------------------------------------------------


def partner_may_create(user: User) -> bool:
    """Only verified members who joined as researchers keep a partner profile."""
    return (
        access.is_participant(user)
        and user.stakeholder_group == StakeholderGroup.RESEARCHER
    )


def _require_partner_editor(staff: User) -> None:
    access.require_staff(
        staff,
        CHANGE_PERMISSION,
        message=_("Only staff who may change profiles can edit them."),
    )


# --- Profile fields -------------------------------------------------------------------


def _clean_keywords(value: Any, errors: dict) -> str:
    items = value if isinstance(value, list | tuple) else str(value or "").split(",")
    seen: dict[str, str] = {}
    for item in items:
        word = " ".join(str(item).split())
        if not word:
            continue
        if len(word) > MAX_KEYWORD_LENGTH:
            errors.setdefault("keywords", []).append(
                _("Keep each keyword under %(n)d characters: “%(word)s…”.")
                % {"n": MAX_KEYWORD_LENGTH, "word": word[:30]}
            )
            continue
        seen.setdefault(word.lower(), word)
    if len(seen) > MAX_KEYWORDS:
        errors.setdefault("keywords", []).append(
            _("Choose at most %(n)d keywords.") % {"n": MAX_KEYWORDS}
        )
    return ", ".join(seen.values())


def _clean_publications(
    value: Iterable[Any], errors: dict
) -> list[tuple[str, str, str]]:
    """[(kind, identifier, title)] from dicts {identifier, title} or plain strings."""
    result: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    messages: list[str] = []
    for number, item in enumerate(value or [], start=1):
        if isinstance(item, Mapping):
            raw, title = str(item.get("identifier", "")), str(item.get("title") or "")
        else:
            raw, title = str(item), ""
        title = " ".join(title.split())[:300]
        try:
            kind, identifier = normalise_publication(raw)
        except ValidationError as exc:
            messages.append(
                _("Publication %(n)d: %(error)s")
                % {"n": number, "error": exc.messages[0]}
            )
            continue
        if (kind, identifier) in seen:
            messages.append(
                _("Publication %(n)d: %(id)s is already in your list.")
                % {"n": number, "id": identifier}
            )
            continue
        seen.add((kind, identifier))
        result.append((kind, identifier, title))
    if len(result) > MAX_PUBLICATIONS:
        messages.append(
            _("List at most %(n)d selected publications.") % {"n": MAX_PUBLICATIONS}
        )
    if messages:
        errors["publications"] = messages
    return result


def _resolve_institution(
    partner: Partner, data: Mapping[str, Any], user: User, errors: dict
) -> Institution | None:
    suggestion = data.get("new_institution") or {}
    if suggestion and str(suggestion.get("name", "")).strip():
        name = " ".join(str(suggestion["name"]).split())
        country = str(suggestion.get("country") or "").upper()
        existing = Institution.objects.filter(
            name__iexact=name, country=country
        ).first()
        if existing:
            return existing
        institution = Institution(
            name=name,
            country=country,
            city=" ".join(str(suggestion.get("city") or "").split()),
            type=suggestion.get("type") or "",
            suggested_by=user,
        )
        try:
            institution.full_clean(exclude=["suggested_by"])
        except ValidationError as exc:
            errors["new_institution"] = [
                f"{Institution._meta.get_field(f).verbose_name}: {m}".capitalize()
                for f, msgs in exc.message_dict.items()
                for m in msgs
            ]
            return None
        return institution
    if "institution" not in data:
        return partner.institution if partner.institution_id else None
    institution = data["institution"]
    if institution is None:
        errors["institution"] = [
            _("Choose your institution, or suggest it if it is not in the list.")
        ]
        return None
    if not isinstance(institution, Institution):
        institution = Institution.objects.filter(pk=institution).first()
    keeps_own = institution is not None and institution.pk == partner.institution_id
    if institution is None or not (institution.is_confirmed or keeps_own):
        errors["institution"] = [
            _("Choose an institution from the list, or suggest a new one.")
        ]
        return None
    return institution


def _apply(
    partner: Partner, data: Mapping[str, Any], user: User, *, full: bool
) -> tuple[list[ResearchArea] | None, list[tuple[str, str, str]] | None]:
    """Copy validated input onto the (unsaved) partner; raise with every error."""
    errors: dict[str, list[str]] = {}
    for field in TEXT_FIELDS:
        if field in data or full:
            setattr(partner, field, str(data.get(field) or "").strip())
    if "display_name" in data or full:
        partner.display_name = " ".join(partner.display_name.split())
    if "orcid" in data or full:
        raw = str(data.get("orcid") or "").strip()
        partner.orcid = ""
        if raw:
            try:
                partner.orcid = normalise_orcid(raw)
            except ValidationError as exc:
                errors["orcid"] = exc.messages
    if (
        partner.orcid
        and Partner.objects.filter(orcid=partner.orcid).exclude(pk=partner.pk).exists()
    ):
        errors["orcid"] = [
            _(
                "This ORCID iD is already on another partner profile. If it is "
                "yours, contact us and we will sort it out."
            )
        ]
    if "keywords" in data or full:
        partner.keywords = _clean_keywords(data.get("keywords"), errors)
    if "open_to" in data or full:
        chosen = set(data.get("open_to") or [])
        unknown = chosen - set(OpenTo.values)
        if unknown:
            errors["open_to"] = [
                _("Unknown choice: %(v)s.")
                % {"v": ", ".join(sorted(map(str, unknown)))}
            ]
        for choice in OpenTo.values:
            setattr(partner, f"open_to_{choice}", choice in chosen)
    if "accepts_contact" in data:
        partner.accepts_contact = bool(data["accepts_contact"])

    areas = None
    if "research_areas" in data or full:
        areas = []
        current = (
            set(partner.research_areas.values_list("pk", flat=True))
            if partner.pk
            else set()
        )
        for area in data.get("research_areas") or []:
            if not isinstance(area, ResearchArea):
                area = ResearchArea.objects.filter(slug=area).first()
            if area is None or not (area.is_active or area.pk in current):
                errors["research_areas"] = [_("Choose research areas from the list.")]
                break
            areas.append(area)

    publications = None
    if "publications" in data or full:
        publications = _clean_publications(data.get("publications"), errors)

    institution = _resolve_institution(partner, data, user, errors)
    if (
        full
        and institution is None
        and not errors.keys() & {"institution", "new_institution"}
    ):
        errors["institution"] = [
            _("Choose your institution, or suggest it if it is not in the list.")
        ]
    if data.get("country"):
        partner.country = str(data["country"]).upper()
    elif institution is not None and (full or not partner.country):
        # Most researchers work in their institution's country: a sensible default.
        partner.country = institution.country
    if institution is not None and full and not partner.city:
        partner.city = institution.city

    if errors:
        raise ValidationError(errors)
    if institution is not None and institution.pk is None:
        institution.save()
        logger.info("institution_suggested", extra={"institution_id": institution.pk})
    if institution is not None:
        partner.institution = institution
    try:
        partner.full_clean(
            exclude=["user", "search_vector"], validate_constraints=False
        )
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    return areas, publications


def _replace_publications(
    partner: Partner, publications: list[tuple[str, str, str]]
) -> None:
    Publication.objects.filter(partner=partner).delete()
    Publication.objects.bulk_create(
        Publication(
            partner=partner, kind=kind, identifier=identifier, title=title, position=i
        )
        for i, (kind, identifier, title) in enumerate(publications)
    )


def partner_refresh_search(*, partner_ids: Iterable[int]) -> None:
    """Rebuild the stored full-text vector (PostgreSQL only; SQLite matches text)."""
    if not settings.USING_POSTGRES:
        return
    partners = (
        Partner.objects.filter(pk__in=list(partner_ids))
        .select_related("institution")
        .prefetch_related("research_areas")
    )
    for p in partners:
        areas = " ".join(a.name for a in p.research_areas.all())
        place = f"{p.institution.name} {p.department} {p.city}"
        vector = (
            SearchVector(Value(p.display_name), weight="A", config="english")
            + SearchVector(Value(place), weight="B", config="english")
            + SearchVector(Value(f"{p.keywords} {areas}"), weight="B", config="english")
            + SearchVector(Value(f"{p.title} {p.bio}"), weight="C", config="english")
        )
        Partner.objects.filter(pk=p.pk).update(search_vector=vector)


def log_decision(
    partner: Partner, action: str, *, actor: User | None, reason: str = ""
) -> VerificationDecision:
    decision = VerificationDecision.objects.create(
        partner=partner, action=action, actor=actor, reason=reason
    )
    # Staff decisions go to the researcher; submissions to staff.
    kind = "partners.decision" if action in STAFF_ACTIONS else "partners.pending_staff"
    mail_queue(kind=kind, object_id=decision.pk)
    logger.info(
        "partner_decision",
        extra={
            "partner_id": partner.pk,
            "action": action,
            "actor_id": actor and actor.pk,
        },
    )
    return decision


def _save_partner(partner: Partner) -> None:
    """Save, turning the unique ORCID constraint into a field error."""
    try:
        with transaction.atomic():
            partner.save()
    except IntegrityError:
        raise ValidationError(
            {"orcid": [_("This ORCID iD is already on another partner profile.")]}
        ) from None


def partner_create(*, user: User, data: Mapping[str, Any]) -> Partner:
    """Create the member's profile; it waits for staff verification.

    Precondition: partner_may_create(user). Raises ValidationError with field
    messages and stores nothing when any input is wrong.
    """
    access.require_participant(user)
    if not partner_may_create(user):
        raise PermissionDenied(
            _("Partner profiles are for members who joined as researchers.")
        )
    with transaction.atomic():
        # Lock the member so two quick submissions cannot both create a profile.
        User.objects.select_for_update().filter(pk=user.pk).first()
        if Partner.objects.filter(user=user).exists():
            raise ValidationError(
                _("You already have a partner profile; edit it instead.")
            )
        partner = Partner(user=user, status=PartnerStatus.PENDING)
        areas, publications = _apply(partner, data, user, full=True)
        partner.submitted_at = timezone.now()
        _save_partner(partner)
        partner.research_areas.set(areas or [])
        _replace_publications(partner, publications or [])
        log_decision(partner, DecisionAction.SUBMITTED, actor=user)
        partner_refresh_search(partner_ids=[partner.pk])
    return partner


def partner_update(
    *, partner: Partner, user: User, data: Mapping[str, Any], note: str = ""
) -> Partner:
    """The owner edits their profile; keys left out of `data` stay as they are.

    A returned profile goes back to verification; a verified one does too when its
    name, institution or ORCID iD changes. `note` answers staff's reason and is
    logged with the resubmission.
    """
    if partner.user_id != user.pk:
        raise PermissionDenied(_("You can only edit your own partner profile."))
    access.require_participant(user)
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        before = {field: getattr(partner, field) for field in MATERIAL_FIELDS}
        areas, publications = _apply(partner, data, user, full=False)
        changed = [f for f in MATERIAL_FIELDS if getattr(partner, f) != before[f]]
        action = None
        if partner.status == PartnerStatus.VERIFIED and changed:
            action = DecisionAction.CHANGED
        elif partner.status == PartnerStatus.RETURNED:
            action = DecisionAction.RESUBMITTED
        if action:
            partner.status = PartnerStatus.PENDING
            partner.submitted_at = timezone.now()
        _save_partner(partner)
        if areas is not None:
            partner.research_areas.set(areas)
        if publications is not None:
            _replace_publications(partner, publications)
        if action:
            parts = []
            if changed:
                parts.append(
                    "Changed: " + ", ".join(MATERIAL_LABELS[f] for f in changed)
                )
            if note.strip():
                parts.append(f"Researcher's note: {note.strip()[:2000]}")
            reason = "\n".join(parts)
            log_decision(partner, action, actor=user, reason=reason)
        partner_refresh_search(partner_ids=[partner.pk])
    return partner


def _staff_data(data: Mapping[str, Any]) -> dict[str, Any]:
    # Suggesting a new institution is the researcher's step; staff pick or
    # confirm one in the institution admin.
    return {key: value for key, value in data.items() if key != "new_institution"}


def partner_check(*, partner: Partner, staff: User, data: Mapping[str, Any]) -> Partner:
    """Validate `data` as partner_staff_update would, writing nothing.

    Returns an unsaved copy of the partner holding the normalised values (an
    ORCID iD in its hyphenated form, keywords de-duplicated); raises
    ValidationError with field messages. For forms that must show every error
    before anything is saved, as the admin's does.
    """
    _require_partner_editor(staff)
    candidate = copy.copy(partner)
    _apply(candidate, _staff_data(data), staff, full=False)
    return candidate


def partner_staff_update(
    *, partner: Partner, staff: User, data: Mapping[str, Any]
) -> Partner:
    """Staff correct a profile, with the checks and normalising of the owner's
    edits; keys left out of `data` stay as they are.

    The status stays: listing, returning and unlisting are decisions
    (partner_verify and the rest), logged and e-mailed to the researcher.
    """
    _require_partner_editor(staff)
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        areas, publications = _apply(partner, _staff_data(data), staff, full=False)
        _save_partner(partner)
        if areas is not None:
            partner.research_areas.set(areas)
        if publications is not None:
            _replace_publications(partner, publications)
        partner_refresh_search(partner_ids=[partner.pk])
    logger.info(
        "partner_staff_edit", extra={"partner_id": partner.pk, "staff_id": staff.pk}
    )
    return partner


def partner_delete(*, partner: Partner, user: User) -> None:
    """The owner removes their profile (and its publications, history and the
    messages it received); the account itself stays."""
    if partner.user_id != user.pk:
        raise PermissionDenied(_("You can only delete your own partner profile."))
    with transaction.atomic():
        Partner.objects.filter(pk=partner.pk).delete()
    logger.info("partner_deleted", extra={"partner_id": partner.pk})
