"""Research priorities: proposals, their lifecycle, supports and the balanced score,
merging, and citations of published evidence.

Public surface for other apps: `priorities.models` (Priority, Status,
OPEN_STATUSES, PUBLIC_STATUSES, and the QuerySet methods `public()`,
`visible_to(user)`), the `{% load priority_links %}` template tags (the priorities
shown on evidence and partner pages) and the privacy hooks in
`priorities.privacy`. It calls the discussion app only through
`discussion.public`. Writes live in services.py (proposals, lifecycle), voting.py,
merging.py and evidence.py. See docs/priorities.md.
"""
