"""Discussion: comments, reports (flags), follows, notifications, the moderation log
and blocking, shown on the priority pages.

Public surface for other apps: `discussion.public` (record_moderation, notify,
notify_followers, follow_priority, discussion_counts, comment_counts_by_priority,
NotificationKind, ModerationKind), the `{% load discussion %}` template tags, and
the privacy hooks in `discussion.privacy`. This app reads `priorities.models`; it
never imports the priorities app's services or views. See docs/discussion.md.
"""
