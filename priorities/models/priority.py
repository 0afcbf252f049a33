"""Topics, tags, statuses and the priority itself, with its listing queries."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchQuery,
    SearchVector,
)
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from portal.access import has_staff_perm
from portal.labels import choice_label
from portal.models import StakeholderGroup

# --- Priorities -----------------------------------------------------------------------

# Staff holding it see every priority, hidden, pending or declined.
VIEW_PERM = "priorities.view_priority"


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

# What the public listing shows (see PriorityQuerySet.listed_for).
LISTED = Q(status__in=PUBLIC_STATUSES, is_hidden=False)


class PriorityQuerySet(models.QuerySet):
    def public(self) -> "PriorityQuerySet":
        """What anyone may see: published, shortlisted or answered, not hidden."""
        return self.filter(LISTED)

    def visible_to(self, user) -> "PriorityQuerySet":
        """Staff see everything; authors also see their own pending or declined."""
        if has_staff_perm(user, VIEW_PERM):
            return self
        if user is not None and user.is_authenticated:
            return self.filter(LISTED | Q(author=user))
        return self.filter(LISTED)

    def listed_for(self, user) -> "PriorityQuerySet":
        """The listing: public statuses; staff also see hidden ones (marked)."""
        qs = self.filter(status__in=PUBLIC_STATUSES)
        if has_staff_perm(user, VIEW_PERM):
            return qs
        return qs.filter(is_hidden=False)

    def with_related(self) -> "PriorityQuerySet":
        return self.select_related("topic", "author").prefetch_related("tags")

    def with_evidence(self) -> "PriorityQuerySet":
        """Prefetch the links to published evidence as `published_evidence`.

        One query for any number of priorities; links to draft summaries are
        left out here, so no caller can show one by mistake.
        """
        link = self.model._meta.get_field("evidence_links").related_model
        return self.prefetch_related(
            models.Prefetch(
                "evidence_links",
                queryset=link.objects.published(),
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

    # The same labels as Django's own, translated once per language (cards).
    def get_status_display(self) -> str:
        return choice_label(Status, self.status)

    def get_author_group_display(self) -> str:
        return choice_label(StakeholderGroup, self.author_group)

    @property
    def is_open(self) -> bool:
        """An open status (published or shortlisted), hidden or not."""
        return self.status in OPEN_STATUSES

    @property
    def is_open_for_support(self) -> bool:
        """New supports and new comments: an open status, and not hidden."""
        return self.is_open and not self.is_hidden

    @property
    def allows_withdrawing_support(self) -> bool:
        """A supporter may take support back while the status is open, even while
        moderators have the priority hidden for review: hiding must not hold a
        member's support hostage."""
        return self.is_open
