"""How a member counts in a round: stakeholder group and country."""

from portal.models import StakeholderGroup

from .models import Round


def member_group(round_: Round, user) -> str:
    """The group `user` counts in for this round.

    A clinician without a verified partner profile counts as "other" unless the
    round's setting lets unverified clinicians count as clinicians.
    """
    group = user.stakeholder_group
    if group == StakeholderGroup.CLINICIAN and not round_.count_unverified_clinicians:
        profile = getattr(user, "partner_profile", None)
        if profile is None or not profile.is_listed:
            return StakeholderGroup.OTHER
    return group


def member_country(user) -> str:
    """The country of the member's partner profile, if they have one."""
    profile = getattr(user, "partner_profile", None)
    return str(profile.country) if profile is not None and profile.country else ""
