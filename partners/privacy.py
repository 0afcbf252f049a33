"""What the partner directory holds about a person, for export and erasure."""

from typing import Any

from .models import ContactRelay, Institution, Partner


def export_user_data(user) -> dict[str, Any]:
    partner = (
        Partner.objects.filter(user=user)
        .select_related("institution")
        .prefetch_related("research_areas", "publications", "decisions")
        .first()
    )
    profile = None
    if partner is not None:
        profile = {
            "display_name": partner.display_name,
            "title": partner.title,
            "institution": partner.institution.name,
            "department": partner.department,
            "city": partner.city,
            "country": partner.country.code,
            "orcid": partner.orcid,
            "website": partner.website,
            "bio": partner.bio,
            "research_areas": [a.name for a in partner.research_areas.all()],
            "keywords": partner.keyword_list,
            "open_to": partner.open_to,
            "accepts_contact": partner.accepts_contact,
            "status": partner.status,
            "status_reason": partner.status_reason,
            "submitted_at": partner.submitted_at,
            "verified_at": partner.verified_at,
            "publications": [
                {"kind": p.kind, "identifier": p.identifier, "title": p.title}
                for p in partner.publications.all()
            ],
            "verification_history": [
                {"action": d.action, "reason": d.reason, "at": d.created_at}
                for d in partner.decisions.all()
            ],
            "messages_received": [
                {
                    "from": m.sender.public_name,
                    "subject": m.subject,
                    "message": m.message,
                    "sent_at": m.created_at,
                }
                for m in ContactRelay.objects.filter(partner=partner).select_related(
                    "sender"
                )
            ],
        }
    sent = [
        {
            "to": m.partner.display_name,
            "subject": m.subject,
            "message": m.message,
            "sent_at": m.created_at,
        }
        for m in ContactRelay.objects.filter(sender=user).select_related("partner")
    ]
    return {"partner_profile": profile, "messages_sent_to_partners": sent}


def erase_user_data(user) -> None:
    """Remove the profile (with its publications, history and the messages it
    received) and every message the person sent, which names them as sender."""
    ContactRelay.objects.filter(sender=user).delete()
    Partner.objects.filter(user=user).delete()
    Institution.objects.filter(suggested_by=user).update(suggested_by=None)
