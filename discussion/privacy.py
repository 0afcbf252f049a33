"""What the discussion app holds about a person: export and erasure.

Called by portal.services.account_export / account_delete (see portal/hooks.py):
exports comments, flags, follows and notifications, and erases them (keeping
replied-to comments as "a deleted member").
"""


def export_user_data(user) -> dict:
    from .comments import user_discussion_export

    return user_discussion_export(user=user)


def erase_user_data(user) -> None:
    from .comments import user_discussion_erase

    user_discussion_erase(user=user)
