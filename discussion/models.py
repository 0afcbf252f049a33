"""The discussion's records: comments, flags, follows, notifications and the
moderation log.

The tables keep the names they had when this code lived in the priorities app
(`priorities_comment`, ...): the move changed the code's layout, not the data.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.access import has_staff_perm
from portal.labels import choice_label
from portal.models import StakeholderGroup
from priorities.models import PUBLIC_STATUSES, Priority


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
        if has_staff_perm(user, "discussion.view_comment"):
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
        db_table = "priorities_comment"
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

    # The same labels as Django's own, translated once per language (threads).
    def get_author_group_display(self) -> str:
        return choice_label(StakeholderGroup, self.author_group)

    def get_stance_display(self) -> str:
        return choice_label(Stance, self.stance)

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
        db_table = "priorities_flag"
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
        db_table = "priorities_follow"
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
        db_table = "priorities_notification"
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
        db_table = "priorities_notificationsettings"
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
        db_table = "priorities_moderationaction"
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
