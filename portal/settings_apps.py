"""The portal's features, app by app: rates, page sizes, review intervals, the
permissions the Moderators group holds, and the mail kinds and Celery beat
entries each app adds. portal/settings.py imports every name from here and
merges APP_MAIL_KINDS into MAIL_KINDS and APP_BEAT_SCHEDULE into
CELERY_BEAT_SCHEDULE. Values come from the environment where an operator may
want to change them (README, "Configuration").
"""

from datetime import timedelta

import environ
from celery.schedules import crontab

env = environ.Env()  # portal/settings.py has already read the optional .env

APP_MAIL_KINDS: dict[str, str] = {}
APP_BEAT_SCHEDULE: dict[str, dict] = {}

# --- Portal features --------------------------------------------------------
CONTACT_RATE = env.str("CONTACT_RATE", default="5/h")
WEBINAR_SUBSCRIBE_RATE = env.str("WEBINAR_SUBSCRIBE_RATE", default="10/h")
WEBINAR_CONFIRM_MAX_AGE = timedelta(days=7)
# Unsubscribe links in the old format (they carried the address) sent before it
# was retired: honoured this long, so every earlier mailing can still be left.
WEBINAR_LEGACY_UNSUBSCRIBE_MAX_AGE = timedelta(days=365)

# Staff and moderators are a permission group, not a stakeholder group: `migrate`
# makes sure a "Moderators" group holds these permissions ("app_label.codename").
# Each app appends its own in its section below:
#   MODERATOR_PERMISSIONS += ["priorities.change_priority", ...]
MODERATOR_GROUP_NAME = "Moderators"
MODERATOR_PERMISSIONS = [
    *(f"portal.{a}_faq" for a in ("view", "add", "change", "delete")),
    *(f"portal.{a}_faqcategory" for a in ("view", "add", "change")),
    "portal.view_contactmessage",
    "portal.change_contactmessage",
    "portal.view_webinarsubscriber",
    *(f"portal.{a}_webinarmailing" for a in ("view", "add", "change")),
    "portal.view_webinardelivery",
    "portal.view_outgoingmail",
    # Members: to verify, block and unblock them (no permission to delete them).
    "portal.view_user",
    "portal.change_user",
    # Sign-in lockouts (django-axes): to lift one for a member who asks.
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
]

# --- Partners (issue 4) -----------------------------------------------------
# Messages one member may send to partners through the contact form.
PARTNER_CONTACT_RATE = env.str("PARTNER_CONTACT_RATE", default="5/h")
PARTNERS_PER_PAGE = env.int("PARTNERS_PER_PAGE", default=20)
APP_MAIL_KINDS |= {
    "partners.decision": "partners.emails.partner_decision",
    "partners.pending_staff": "partners.emails.pending_staff",
    "partners.contact_relay": "partners.emails.contact_relay",
}
# Moderators verify profiles and confirm institutions in the admin.
MODERATOR_PERMISSIONS += [
    "partners.view_partner",
    "partners.change_partner",
    # The verify, return and unlist actions (and their decision page).
    "partners.verify_partner",
    "partners.view_publication",
    *(f"partners.{a}_institution" for a in ("view", "add", "change")),
    *(f"partners.{a}_researcharea" for a in ("view", "add", "change")),
    "partners.view_verificationdecision",
    "partners.view_contactrelay",
]

# --- Priorities (issue 3) ---------------------------------------------------
# Approved proposals after which a member publishes without moderation.
PRIORITIES_TRUSTED_AFTER = env.int("PRIORITIES_TRUSTED_AFTER", default=3)
# django-ratelimit rates, per member.
PRIORITY_SUBMIT_RATE = env.str("PRIORITY_SUBMIT_RATE", default="5/h")
VOTE_RATE = env.str("VOTE_RATE", default="60/m")
# "Similar priorities" look-ups while typing a proposal.
PRIORITY_SIMILAR_RATE = env.str("PRIORITY_SIMILAR_RATE", default="60/m")
PRIORITIES_PAGE_SIZE = 20
# The HTML list pages no deeper (filters and search narrow it; the API has cursors).
PRIORITIES_MAX_PAGES = env.int("PRIORITIES_MAX_PAGES", default=50)
PRIORITIES_TRENDING_DAYS = 14
# Moderators keep the topic list and review priorities and comments in the admin
# (the moderation pages themselves are open to every staff member).
MODERATOR_PERMISSIONS += [
    *(f"priorities.{a}_topic" for a in ("view", "add", "change")),
    *(f"priorities.{a}_tag" for a in ("view", "add", "change")),
    "priorities.view_priority",
    "priorities.change_priority",
    *(f"priorities.view_{m}" for m in ("statuschange", "priorityrevision", "vote")),
    # Citing evidence on a priority ("already answered" / "still uncertain").
    *(f"priorities.{a}_evidencelink" for a in ("view", "add", "change", "delete")),
    # The synonym vocabulary of the "similar priorities" check.
    *(f"priorities.{a}_synonymgroup" for a in ("view", "add", "change", "delete")),
    # "Not a duplicate" decisions, to review them.
    "priorities.view_duplicatedismissal",
]
APP_BEAT_SCHEDULE["priorities-refresh-trending"] = {
    "task": "priorities.tasks.refresh_trending_scores",
    "schedule": timedelta(minutes=30),
}
# Seconds a score recompute waits after a vote, so a burst of votes costs one.
PRIORITIES_SCORE_RECOMPUTE_DELAY = env.int(
    "PRIORITIES_SCORE_RECOMPUTE_DELAY", default=5
)
# Without a broker the recompute runs on a thread of the web process, after the
# response (the tests turn this off to run it in line).
PRIORITIES_SCORE_RECOMPUTE_IN_BACKGROUND = env.bool(
    "PRIORITIES_SCORE_RECOMPUTE_IN_BACKGROUND", default=True
)
APP_BEAT_SCHEDULE["priorities-recompute-balanced"] = {
    # A safety net: the task queued after votes keeps scores current.
    "task": "priorities.tasks.recompute_balanced_scores",
    "schedule": timedelta(hours=1),
    "kwargs": {"force": True},
}
APP_BEAT_SCHEDULE["priorities-similarity-index"] = {
    # A safety net: a synonym change in the admin queues the rebuild itself.
    "task": "priorities.tasks.rebuild_similarity_index",
    "schedule": timedelta(hours=1),
}

# --- Discussion (comments, flags, follows, notifications, moderation) ------
MODERATOR_PERMISSIONS += [
    *(f"discussion.{a}_{m}" for a in ("view", "change") for m in ("comment", "flag")),
    "discussion.view_moderationaction",
]
# Authors may edit a comment for this long after posting; it then shows "edited".
COMMENT_EDIT_WINDOW = timedelta(minutes=env.int("COMMENT_EDIT_MINUTES", default=15))
COMMENT_RATE = env.str("COMMENT_RATE", default="10/10m")
FLAG_RATE = env.str("FLAG_RATE", default="20/h")
# Distinct open reports after which an item is hidden pending review.
FLAG_HIDE_THRESHOLD = env.int("FLAG_HIDE_THRESHOLD", default=3)
# The daily digest covers notifications no older than this.
NOTIFICATION_DIGEST_MAX_AGE = timedelta(days=7)
APP_MAIL_KINDS |= {
    "discussion.notification": "discussion.emails.notification",
    "discussion.digest": "discussion.emails.digest",
}
APP_BEAT_SCHEDULE["discussion-daily-digest"] = {
    "task": "discussion.tasks.send_daily_digests",
    "schedule": crontab(hour=env.int("DIGEST_HOUR_UTC", default=7), minute=0),
}

# --- Research / evidence (issue 5) ------------------------------------------
# Days between reviews of a published summary (each summary can set its own date).
RESEARCH_REVIEW_INTERVAL_DAYS = env.int("RESEARCH_REVIEW_INTERVAL_DAYS", default=365)
# The staff dashboard lists summaries whose review falls due within this many days.
RESEARCH_DUE_SOON_DAYS = env.int("RESEARCH_DUE_SOON_DAYS", default=30)
# Mondays 07:00 UTC: editors get the list of summaries past their review date.
APP_BEAT_SCHEDULE["research-stale-reviews"] = {
    "task": "research.tasks.email_stale_reviews",
    "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
}
APP_MAIL_KINDS["research.stale_reviews"] = "research.emails.stale_reviews"
# Editors draft (change_*); reviewers also hold review_evidencesummary.
RESEARCH_EDITOR_PERMISSIONS = [
    f"research.{action}_{model}"
    for model in ("factor", "evidencesummary", "finding", "citation", "recommendation")
    for action in ("view", "add", "change")
]
RESEARCH_EDITOR_PERMISSIONS += [
    "research.view_summaryversion",
    "research.view_publishedfinding",
    "research.delete_finding",
    "research.view_stalereviewdigest",
]
MODERATOR_PERMISSIONS += [
    *RESEARCH_EDITOR_PERMISSIONS,
    "research.review_evidencesummary",
]

# --- Reports (issue 13) -------------------------------------------------------
# Nightly, 02:30 UTC: the reports' summary tables (reports/summaries.py).
APP_BEAT_SCHEDULE["reports-refresh-summaries"] = {
    "task": "reports.tasks.refresh_report_summaries",
    "schedule": crontab(minute=30, hour=2),
}

# --- Priority-setting rounds (issue 12) -------------------------------------
# Every five minutes: rounds whose next phase's date has come move on.
APP_BEAT_SCHEDULE["rounds-advance-due"] = {
    "task": "rounds.tasks.advance_due_rounds",
    "schedule": timedelta(minutes=5),
}
