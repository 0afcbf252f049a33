"""The API permission classes now live in portal.access, with the rest of the rules.

Kept so existing imports keep working while the priorities and discussion code
moves over; new code imports from portal.access.
"""

from .access import (
    DenyAll,
    IsParticipant,
    IsSignedIn,
    IsStaff,
    IsStaffOrReportingClient,
    ReadOnly,
    ReadOnlyOrParticipant,
    is_reporting_client,
)

__all__ = [
    "DenyAll",
    "IsParticipant",
    "IsSignedIn",
    "IsStaff",
    "IsStaffOrReportingClient",
    "ReadOnly",
    "ReadOnlyOrParticipant",
    "is_reporting_client",
]
