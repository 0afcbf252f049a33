"""What the priorities app holds about a person: export and erasure.

Called by portal.services.account_export / account_delete (see portal/hooks.py).
The priority half exports priorities and supports and withdraws the supports
(correcting the tallies); the discussion half exports comments, flags, follows and
notifications and erases them (keeping replied-to comments as "a deleted member").
"""


def export_user_data(user) -> dict:
    from .comments import user_discussion_export
    from .services import user_priorities_export

    return {**user_priorities_export(user=user), **user_discussion_export(user=user)}


def erase_user_data(user) -> None:
    from .comments import user_discussion_erase
    from .services import user_votes_erase

    user_votes_erase(user=user)
    user_discussion_erase(user=user)
