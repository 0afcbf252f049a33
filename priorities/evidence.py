"""Staff cite published evidence on a priority ("answered" or "still uncertain")."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal import access
from portal.models import User

from .models import (
    EvidenceLink,
    EvidenceRelation,
    Priority,
)

logger = logging.getLogger(__name__)


# --- Evidence links ---------------------------------------------------------------


def _require_link_perm(actor, verb: str) -> None:
    access.require_staff(
        actor,
        f"priorities.{verb}_evidencelink",
        message=_("Only staff link research priorities to evidence."),
    )


def evidence_link_set(
    *,
    priority: Priority,
    factor,
    relation: str,
    actor: User,
    note: str = "",
) -> EvidenceLink:
    """Staff cite an evidence summary on a priority (or change the citation).

    A link to a factor whose summary is still a draft is allowed: it shows on
    the site once the summary is published.
    """
    cited = EvidenceLink.objects.filter(priority=priority, factor=factor).exists()
    _require_link_perm(actor, "change" if cited else "add")
    if relation not in EvidenceRelation.values:
        raise ValidationError({"relation": _("Choose what the evidence says.")})
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationError({"note": _("Keep the note under 300 characters.")})
    with transaction.atomic():
        link, created = EvidenceLink.objects.get_or_create(
            priority=priority,
            factor=factor,
            defaults={"relation": relation, "note": note, "created_by": actor},
        )
        if not created and (link.relation, link.note) != (relation, note):
            link.relation, link.note = relation, note
            link.save(update_fields=["relation", "note"])
    return link


def evidence_link_remove(*, priority: Priority, factor, actor: User) -> bool:
    """Staff remove a citation; False when there was none."""
    _require_link_perm(actor, "delete")
    with transaction.atomic():
        deleted, _rows = EvidenceLink.objects.filter(
            priority=priority, factor=factor
        ).delete()
    return bool(deleted)
