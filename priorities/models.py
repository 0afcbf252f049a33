"""Research priorities and the discussion around them.

Two halves: the priority itself (topic, tags, lifecycle, edits, votes and the
tallies stored on it) and the discussion (comments, flags, follows,
notifications, the moderation log).

Tallies (supporters per stakeholder group, the balanced score, comment and stance
counts) are stored on the priority and changed in the same transaction as the
vote or comment, under the priority's row lock, so listing and sorting never
count votes. `manage.py recompute_tallies` rebuilds them and reports drift.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchQuery,
    SearchVector,
    TrigramSimilarity,
)
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from portal.models import StakeholderGroup

# --- Priorities -----------------------------------------------------------------------


class Topic(models.Model):
    """A broad area (prevention, diagnosis, ...); staff edit the list."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """A free tag; stored lower-case so "Probiotics" and "probiotics" are one."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip().lower()
        if not self.slug:
            self.slug = slugify(self.name)[:60]
        super().save(*args, **kwargs)


class Status(models.TextChoices):
    PENDING = "pending", _("Pending review")
    PUBLISHED = "published", _("Published")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    ANSWERED = "answered", _("Answered by existing evidence")
    MERGED = "merged", _("Merged into another priority")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn by the author")


# Statuses in which members can see, support and discuss a priority.
OPEN_STATUSES = (Status.PUBLISHED, Status.SHORTLISTED)
# Statuses the public can see (pending, declined, withdrawn are not listed).
PUBLIC_STATUSES = (Status.PUBLISHED, Status.SHORTLISTED, Status.ANSWERED)

# The text the full-text search and its GIN index cover: the same expression in
# both places, or PostgreSQL cannot use the index.
SEARCH_CONFIG = "english"


def search_vector() -> SearchVector:
    return SearchVector("title", "description", config=SEARCH_CONFIG)


# Sort keys offered by the listing and the API, with the column each one uses.
SORTS = {
    "balanced": ("-balanced_score", "-supporters_total", "-created_at"),
    "supported": ("-supporters_total", "-created_at"),
    "newest": ("-created_at",),
    "discussed": ("-comment_count", "-created_at"),
    "trending": ("-trending_score", "-supporters_total", "-created_at"),
}
SORT_LABELS = {
    "balanced": _("Balanced score"),
    "supported": _("Most supported"),
    "newest": _("Newest"),
    "discussed": _("Most discussed"),
    "trending": _("Trending (last 14 days)"),
}

# Words too common to say two research questions are alike (SQLite fallback).
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "can",
        "does",
        "do",
        "for",
        "from",
        "how",
        "in",
        "infants",
        "infant",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "their",
        "there",
        "to",
        "what",
        "when",
        "which",
        "who",
        "why",
        "with",
        "nec",
    ]
)


def significant_words(text: str) -> list[str]:
    words = [w.strip(".,;:?!()\"'").lower() for w in (text or "").split()]
    return [w for w in words if len(w) >= 4 and w not in _STOPWORDS][:12]


# What the public listing shows (see PriorityQuerySet.listed_for).
LISTED = Q(status__in=PUBLIC_STATUSES, is_hidden=False)


class PriorityQuerySet(models.QuerySet):
    def public(self) -> "PriorityQuerySet":
        """What anyone may see: published, shortlisted or answered, not hidden."""
        return self.filter(LISTED)

    def visible_to(self, user) -> "PriorityQuerySet":
        """Staff see everything; authors also see their own pending or declined."""
        if user is not None and user.is_authenticated and user.is_staff:
            return self
        if user is not None and user.is_authenticated:
            return self.filter(LISTED | Q(author=user))
        return self.filter(LISTED)

    def listed_for(self, user) -> "PriorityQuerySet":
        """The listing: public statuses; staff also see hidden ones (marked)."""
        qs = self.filter(status__in=PUBLIC_STATUSES)
        if user is not None and user.is_authenticated and user.is_staff:
            return qs
        return qs.filter(is_hidden=False)

    def with_related(self) -> "PriorityQuerySet":
        return self.select_related("topic", "author").prefetch_related("tags")

    def with_evidence(self) -> "PriorityQuerySet":
        """Prefetch the links to published evidence as `published_evidence`.

        One query for any number of priorities; links to draft summaries are
        left out here, so no caller can show one by mistake.
        """
        return self.prefetch_related(
            models.Prefetch(
                "evidence_links",
                queryset=EvidenceLink.objects.published(),
                to_attr="published_evidence",
            )
        )

    def search(self, text: str) -> "PriorityQuerySet":
        """Full-text search on PostgreSQL, word matching elsewhere."""
        text = (text or "").strip()[:200]
        if not text:
            return self
        if settings.USING_POSTGRES:
            query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
            return self.alias(_document=search_vector()).filter(_document=query)
        condition = Q()
        for word in text.split()[:8]:
            condition &= Q(title__icontains=word) | Q(description__icontains=word)
        return self.filter(condition)

    def similar_to(self, title: str, *, limit: int = 5) -> list["Priority"]:
        """Existing public priorities whose question looks like `title`."""
        title = (title or "").strip()[:200]
        if len(title) < 8:
            return []
        base = self.public().select_related("topic")
        if settings.USING_POSTGRES:
            return list(
                base.annotate(similarity=TrigramSimilarity("title", title))
                .filter(title__trigram_similar=title)
                .order_by("-similarity", "-supporters_total")[:limit]
            )
        words = significant_words(title)
        if not words:
            return []
        condition = Q()
        for word in words:
            condition |= Q(title__icontains=word)
        candidates = list(base.filter(condition).order_by("-supporters_total")[:100])
        wanted = set(words)

        def overlap(priority: "Priority") -> float:
            theirs = set(significant_words(priority.title))
            return len(wanted & theirs) / max(len(wanted | theirs), 1)

        scored = [(overlap(p), p) for p in candidates]
        scored = [item for item in scored if item[0] >= 0.25]
        scored.sort(key=lambda item: -item[0])
        for score, priority in scored:
            priority.similarity = score
        return [p for _score, p in scored[:limit]]

    def sorted_by(self, key: str) -> "PriorityQuerySet":
        return self.order_by(*SORTS.get(key, SORTS["balanced"]))


class Priority(models.Model):
    """A research question proposed by a member."""

    title = models.CharField(_("research question"), max_length=200)
    description = models.TextField(
        _("why it matters"),
        max_length=5000,
        help_text=_("A few sentences; a small Markdown subset is allowed."),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        related_name="priorities",
        verbose_name=_("topic"),
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="priorities", verbose_name=_("tags")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="priorities",
        verbose_name=_("author"),
    )
    # The group the author stated when submitting; later profile changes do not
    # rewrite history.
    author_group = models.CharField(
        _("author's group"), max_length=20, choices=StakeholderGroup.choices
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)

    # Stored tallies (see the module docstring).
    supporters_family = models.PositiveIntegerField(default=0)
    supporters_clinician = models.PositiveIntegerField(default=0)
    supporters_researcher = models.PositiveIntegerField(default=0)
    supporters_other = models.PositiveIntegerField(default=0)
    supporters_total = models.PositiveIntegerField(_("supporters"), default=0)
    balanced_score = models.FloatField(_("balanced score"), default=0.0)
    # Supports in the last 14 days, refreshed by a periodic task and on each vote.
    trending_score = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    stance_favour = models.PositiveIntegerField(default=0)
    stance_neutral = models.PositiveIntegerField(default=0)
    stance_against = models.PositiveIntegerField(default=0)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)

    # Moderation: hidden automatically after enough flags, or by staff.
    flag_count = models.PositiveIntegerField(default=0)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.TextField(_("reason hidden"), blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("research priority")
        verbose_name_plural = _("research priorities")
        indexes = [
            # One partial index per listing sort, over exactly what the public
            # listing shows, in the sort's full column order: a page is read
            # straight from the index, without sorting thousands of rows.
            *(
                models.Index(
                    fields=list(order), condition=LISTED, name=f"prio_list_{key}"
                )
                for key, order in SORTS.items()
            ),
            models.Index(fields=["status", "-created_at"], name="prio_status_newest"),
            models.Index(fields=["author_group", "status"], name="prio_group_status"),
            models.Index(fields=["author", "status"], name="prio_author_status"),
            # PostgreSQL only (the migration skips them elsewhere): full-text
            # search over title and description, and trigram matching of titles
            # for the "similar priorities" check.
            GinIndex(search_vector(), name="prio_search_gin"),
            GinIndex(
                fields=["title"], opclasses=["gin_trgm_ops"], name="prio_title_trgm"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=Status.MERGED) | Q(merged_into__isnull=False),
                name="priority_merged_has_target",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=models.F("pk")),
                name="priority_not_merged_into_itself",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("priorities:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        """Open for support and discussion."""
        return self.status in OPEN_STATUSES


class StatusChange(models.Model):
    """One step in a priority's lifecycle: the timeline on its page."""

    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.priority_id}: {self.from_status or '-'} → {self.to_status}"


class PriorityRevision(models.Model):
    """The title and description as they were before an edit."""

    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="revisions"
    )
    title = models.CharField(max_length=200)
    description = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")

    def __str__(self) -> str:
        return f"{self.priority_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class Vote(models.Model):
    """One member's support for one priority."""

    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes"
    )
    # The voter's group when they voted: the tally it was counted in.
    group = models.CharField(max_length=20, choices=StakeholderGroup.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "user"], name="vote_one_per_member_per_priority"
            )
        ]
        indexes = [models.Index(fields=["user", "group"], name="vote_user_group")]

    def __str__(self) -> str:
        return f"{self.user_id} supports {self.priority_id}"


class GroupVoterCount(models.Model):
    """Distinct members of a group who support at least one priority.

    The denominator of the balanced score; one row per group, changed under a row
    lock when a member's first support is cast or their last is withdrawn.
    """

    group = models.CharField(
        max_length=20, choices=StakeholderGroup.choices, primary_key=True
    )
    voters = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("voters in a group")
        verbose_name_plural = _("voters per group")

    def __str__(self) -> str:
        return f"{self.group}: {self.voters}"


# --- Evidence links -------------------------------------------------------------------


class EvidenceRelation(models.TextChoices):
    ANSWERS = "answers", _("Already answered by this evidence")
    UNCERTAIN = "uncertain", _("Still uncertain: this evidence does not settle it")


class EvidenceLinkQuerySet(models.QuerySet):
    def published(self) -> "EvidenceLinkQuerySet":
        """Links to factors with a published summary (Factor.objects.published()).

        Staff may link a factor while its summary is still a draft; the link
        shows on the site only once the summary is published.
        """
        return self.filter(factor__current_version__isnull=False).select_related(
            "factor", "factor__current_version"
        )

    def to_public_priorities(self) -> "EvidenceLinkQuerySet":
        return self.filter(
            priority__status__in=PUBLIC_STATUSES, priority__is_hidden=False
        )


class EvidenceLink(models.Model):
    """A priority cites an evidence summary: answered already, or still uncertain."""

    priority = models.ForeignKey(
        Priority,
        on_delete=models.CASCADE,
        related_name="evidence_links",
        verbose_name=_("research priority"),
    )
    factor = models.ForeignKey(
        "research.Factor",
        on_delete=models.CASCADE,
        related_name="priority_links",
        verbose_name=_("evidence summary"),
    )
    relation = models.CharField(
        _("what the evidence says"), max_length=20, choices=EvidenceRelation.choices
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Optional, one or two sentences shown with the link."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("linked by"),
    )
    created_at = models.DateTimeField(_("linked"), default=timezone.now, editable=False)

    objects = EvidenceLinkQuerySet.as_manager()

    class Meta:
        ordering = ["relation", "factor__position", "factor__name"]
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "factor"],
                name="evidence_link_once_per_factor",
                violation_error_message=_(
                    "This priority already cites this evidence summary."
                ),
            ),
            models.CheckConstraint(
                condition=Q(relation__in=EvidenceRelation.values),
                name="evidence_link_relation_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.priority_id} → {self.factor_id} ({self.relation})"


# --- Discussion -----------------------------------------------------------------------


class Stance(models.TextChoices):
    FAVOUR = "favour", _("In favour")
    NEUTRAL = "neutral", _("Neutral")
    AGAINST = "against", _("Against")


class CommentQuerySet(models.QuerySet):
    def counted(self) -> "CommentQuerySet":
        """The comments that Priority.comment_count and stance_* count."""
        return self.filter(deleted_at__isnull=True, is_hidden=False)

    def on_public_priorities(self) -> "CommentQuerySet":
        return self.filter(
            priority__status__in=PUBLIC_STATUSES, priority__is_hidden=False
        )

    def visible_to(self, user) -> "CommentQuerySet":
        """Staff see everything; others not hidden comments or hidden priorities."""
        if user is not None and user.is_staff:
            return self
        return self.on_public_priorities().filter(is_hidden=False)


class Comment(models.Model):
    """A comment or reply (at most two levels below a top-level comment)."""

    MAX_DEPTH = 2

    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    author_group = models.CharField(max_length=20, choices=StakeholderGroup.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField(default=0)
    body = models.TextField(_("comment"), max_length=5000)
    stance = models.CharField(
        _("your stance"), max_length=10, choices=Stance.choices, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Deleted by its author: the text is gone, the replies stay.
    deleted_at = models.DateTimeField(null=True, blank=True)
    flag_count = models.PositiveIntegerField(default=0)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.TextField(_("reason hidden"), blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["priority", "created_at"], name="comment_prio_created")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(depth__lte=2), name="comment_depth_at_most_two"
            ),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.priority_id}"

    def get_absolute_url(self) -> str:
        return f"{self.priority.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_removed(self) -> bool:
        return self.deleted_at is not None


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFFENSIVE = "offensive", _("Offensive or abusive")
    OFF_TOPIC = "off_topic", _("Off-topic")
    MEDICAL_DETAILS = "medical_details", _("Personal medical details")
    OTHER = "other", _("Something else")


class Flag(models.Model):
    """A member's report of a priority or a comment (exactly one of the two)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags"
    )
    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    text = models.TextField(_("details"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.CheckConstraint(
                condition=(Q(priority__isnull=False) & Q(comment__isnull=True))
                | (Q(priority__isnull=True) & Q(comment__isnull=False)),
                name="flag_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "priority"],
                condition=Q(priority__isnull=False),
                name="flag_once_per_priority",
            ),
            models.UniqueConstraint(
                fields=["user", "comment"],
                condition=Q(comment__isnull=False),
                name="flag_once_per_comment",
            ),
        ]

    def __str__(self) -> str:
        target = (
            f"priority {self.priority_id}"
            if self.priority_id
            else (f"comment {self.comment_id}")
        )
        return f"{self.get_reason_display()} on {target}"


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "priority"], name="follow_once_per_priority"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.priority_id}"


class NotificationKind(models.TextChoices):
    STATUS = "status", _("Status change")
    REPLY = "reply", _("Reply to your comment")
    COMMENT = "comment", _("New comment")
    MERGED = "merged", _("Merged priority")
    MODERATION = "moderation", _("Moderation decision")


class Notification(models.Model):
    """An in-site notification; `key` makes creation idempotent under retries."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    key = models.CharField(max_length=120)
    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once")
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(fields=["emailed_at", "created_at"], name="notification_mail"),
        ]

    def __str__(self) -> str:
        return self.message


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("An e-mail for each notification")
    DAILY = "daily", _("One daily digest")
    OFF = "off", _("No e-mails (notifications stay on the site)")


class NotificationSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    email_mode = models.CharField(
        _("e-mail me about followed priorities"),
        max_length=10,
        choices=EmailMode.choices,
        default=EmailMode.IMMEDIATE,
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email_mode}"


class ModerationAction(models.Model):
    """The audit log: every moderation decision, who made it, when and why."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        DECLINE = "decline", _("Declined")
        SHORTLIST = "shortlist", _("Shortlisted")
        ANSWER = "answer", _("Marked answered by evidence")
        MERGE = "merge", _("Merged")
        HIDE = "hide", _("Hidden")
        AUTO_HIDE = "auto_hide", _("Hidden automatically after flags")
        RESTORE = "restore", _("Restored")
        DISMISS_FLAGS = "dismiss_flags", _("Flags dismissed")
        BLOCK = "block", _("Member blocked")
        UNBLOCK = "unblock", _("Member unblocked")
        EDIT = "edit", _("Edited by staff")
        TRUST = "trust", _("Member trusted")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    priority = models.ForeignKey(
        Priority, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor_id}"

    @classmethod
    def record(
        cls,
        *,
        actor,
        action: str,
        reason: str = "",
        priority: Priority | None = None,
        comment: Comment | None = None,
        member=None,
    ) -> "ModerationAction":
        return cls.objects.create(
            actor=actor,
            action=action,
            reason=reason,
            priority=priority,
            comment=comment,
            member=member,
        )


__all__ = [
    "OPEN_STATUSES",
    "PUBLIC_STATUSES",
    "Comment",
    "EmailMode",
    "EvidenceLink",
    "EvidenceRelation",
    "Flag",
    "FlagReason",
    "Follow",
    "GroupVoterCount",
    "ModerationAction",
    "Notification",
    "NotificationKind",
    "NotificationSettings",
    "Priority",
    "PriorityRevision",
    "Stance",
    "Status",
    "StatusChange",
    "Tag",
    "Topic",
    "Vote",
]
