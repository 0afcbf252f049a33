import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StakeholderGroup(models.TextChoices):
    FAMILY = "family", _("Family (parent or caregiver)")
    CLINICIAN = "clinician", _("Clinician")
    RESEARCHER = "researcher", _("Researcher")
    OTHER = "other", _("Other")


class Profession(models.TextChoices):
    NEONATOLOGIST = "neonatologist", _("Neonatologist")
    NURSE = "nurse", _("Neonatal nurse")
    DIETITIAN = "dietitian", _("Dietitian")
    SURGEON = "surgeon", _("Paediatric surgeon")
    OTHER = "other", _("Other profession")


class UserQuerySet(models.QuerySet):
    """Sets of members; portal.access holds the same rules for one member."""

    def reachable(self) -> "UserQuerySet":
        """Accounts that still exist and may sign in: not deactivated, not deleted."""
        return self.filter(is_active=True, deleted_at__isnull=True)

    def active_staff(self) -> "UserQuerySet":
        """Reachable staff: who may act as staff and hears about staff work."""
        return self.reachable().filter(is_staff=True)

    def with_perm(self, perm: str) -> "UserQuerySet":
        """Members holding `perm` ("app_label.codename") directly, through a group,
        or as superusers."""
        from django.contrib.auth.backends import ModelBackend

        holders = ModelBackend().with_perm(perm, is_active=None)
        return self.filter(pk__in=holders.values("pk"))


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True, email_verified=True)
        return self._create(email, password, **fields)


class User(AbstractUser):
    """A member of the portal; signs in with an e-mail address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        help_text=_("Shown next to your votes and comments. Need not be your name."),
    )
    stakeholder_group = models.CharField(
        _("I am taking part as"),
        max_length=20,
        choices=StakeholderGroup.choices,
        default=StakeholderGroup.OTHER,
    )
    profession = models.CharField(
        _("profession"),
        max_length=20,
        choices=Profession.choices,
        blank=True,
        help_text=_("For clinicians."),
    )
    # Mirrors allauth's verified primary address so permission checks need no join.
    email_verified = models.BooleanField(_("e-mail verified"), default=False)
    is_trusted = models.BooleanField(
        _("trusted contributor"),
        default=False,
        help_text=_("Proposals publish without waiting for moderation."),
    )
    participation_blocked_at = models.DateTimeField(
        _("blocked from participating"), null=True, blank=True
    )
    participation_blocked_reason = models.TextField(_("reason for block"), blank=True)
    deleted_at = models.DateTimeField(_("account deleted"), null=True, blank=True)
    # Blank until the member chooses or signs up: then pages and e-mail follow it.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        # Rows written by code older than this field (a migration test) get "".
        db_default="",
        help_text=_("The language of the site and of the e-mails we send you."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(
                    stakeholder_group__in=[c[0] for c in StakeholderGroup.choices]
                ),
                name="user_stakeholder_group_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.public_name

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    @property
    def public_name(self) -> str:
        """The name other people see; never the e-mail address."""
        if self.deleted_at:
            return str(_("a deleted member"))
        return self.display_name or str(_("a member"))

    @property
    def is_blocked(self) -> bool:
        return self.participation_blocked_at is not None

    @property
    def can_participate(self) -> bool:
        """May vote, comment, propose, flag: verified, active and not blocked."""
        return (
            self.is_authenticated
            and self.is_active
            and self.email_verified
            and not self.is_blocked
            and self.deleted_at is None
        )

    @property
    def group_label(self) -> str:
        if self.stakeholder_group == StakeholderGroup.CLINICIAN and self.profession:
            return str(self.get_profession_display())
        return str(self.get_stakeholder_group_display())


class FAQCategory(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("FAQ category")
        verbose_name_plural = _("FAQ categories")

    def __str__(self) -> str:
        return self.name


class FAQQuerySet(models.QuerySet):
    def published(self) -> "FAQQuerySet":
        return self.filter(is_published=True).select_related("category")

    def search(self, text: str) -> "FAQQuerySet":
        text = (text or "").strip()
        if not text:
            return self
        query = models.Q()
        # Both languages (portal/translation.py), whichever the reader uses.
        for word in text.split()[:8]:
            query &= (
                models.Q(question_en__icontains=word)
                | models.Q(question_es__icontains=word)
                | models.Q(answer_en__icontains=word)
                | models.Q(answer_es__icontains=word)
            )
        return self.filter(query)


class FAQ(models.Model):
    category = models.ForeignKey(
        FAQCategory,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("category"),
    )
    question = models.CharField(_("question"), max_length=250)
    answer = models.TextField(
        _("answer"), help_text=_("Plain text; blank lines separate paragraphs.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FAQQuerySet.as_manager()

    class Meta:
        ordering = ["category__position", "position", "id"]
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return f"{reverse('faq')}#q{self.pk}"


class ContactMessage(models.Model):
    class Topic(models.TextChoices):
        FAMILY = "family", _("Support for my family")
        RESEARCH = "research", _("Research and partnerships")
        CLINICAL = "clinical", _("Clinical practice")
        PORTAL = "portal", _("This website")
        PRESS = "press", _("Press and media")
        OTHER = "other", _("Something else")

    name = models.CharField(_("your name"), max_length=100)
    email = models.EmailField(_("your e-mail address"))
    topic = models.CharField(
        _("topic"), max_length=20, choices=Topic.choices, default=Topic.OTHER
    )
    message = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    staff_notified_at = models.DateTimeField(_("staff notified"), null=True, blank=True)
    handled = models.BooleanField(_("handled"), default=False)
    # Set when staff tick "handled" (the admin): the response time in reports.
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self) -> str:
        return f"{self.get_topic_display()} from {self.name}"


class WebinarSubscriberQuerySet(models.QuerySet):
    def receiving(self) -> "WebinarSubscriberQuerySet":
        """Confirmed and not unsubscribed: who gets webinar mail."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class WebinarSubscriber(models.Model):
    email = models.EmailField(_("e-mail address"), unique=True)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    # Changes at every new sign-up, so an old link cannot be replayed later.
    token_nonce = models.CharField(max_length=24, editable=False, default="")
    # The language of the page they signed up on: their e-mails are written in it.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        db_default="",
    )

    objects = WebinarSubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webinar subscriber")
        verbose_name_plural = _("webinar subscribers")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="webinar_subscriber_email_ci_unique"
            )
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ReportingTokenQuerySet(models.QuerySet):
    def active(self) -> "ReportingTokenQuerySet":
        return self.filter(revoked_at__isnull=True)


class ReportingToken(models.Model):
    """A read-only API key for a reporting client; only its hash is stored."""

    name = models.CharField(
        _("client name"), max_length=100, help_text=_("Who uses it, for what.")
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key starts with"), max_length=8, editable=False)
    created_by = models.ForeignKey(
        "portal.User",
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("issued"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ReportingTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reporting token")
        verbose_name_plural = _("reporting tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, name: str, created_by=None) -> tuple["ReportingToken", str]:
        """Create a token; the clear key is returned once and never stored."""
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(
            name=name, key_hash=_hash_key(key), prefix=key[:8], created_by=created_by
        )
        return token, key

    @classmethod
    def find(cls, key: str) -> "ReportingToken | None":
        return cls.objects.active().filter(key_hash=_hash_key(key)).first()


class WebinarMailing(models.Model):
    """An e-mail from staff to every confirmed webinar subscriber."""

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("message"),
        help_text=_("Plain text. An unsubscribe link is added to every e-mail."),
    )
    created_by = models.ForeignKey(
        "portal.User",
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webinar mailing")
        verbose_name_plural = _("webinar mailings")

    def __str__(self) -> str:
        return self.subject


class WebinarDelivery(models.Model):
    """One mailing sent to one subscriber: makes the send task safe to repeat."""

    mailing = models.ForeignKey(
        WebinarMailing, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        WebinarSubscriber, on_delete=models.CASCADE, related_name="deliveries"
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("webinar delivery")
        verbose_name_plural = _("webinar deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "subscriber"], name="webinar_delivery_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mailing} → #{self.subscriber_id}"


class OutgoingMailQuerySet(models.QuerySet):
    def unsent(self) -> "OutgoingMailQuerySet":
        return self.filter(sent_at__isnull=True)

    def failed(self, max_attempts: int) -> "OutgoingMailQuerySet":
        """Unsent after every allowed attempt: left for staff to look at."""
        return self.unsent().filter(attempts__gte=max_attempts)


class OutgoingMail(models.Model):
    """One e-mail the portal owes someone, recorded with the change that causes it.

    Written in the caller's transaction, so the mail exists exactly when the
    contact message or subscription does; sending is portal.mail's job. The
    (kind, object id, key) triple names the mail: the same one cannot be owed twice.
    """

    kind = models.CharField(_("kind"), max_length=50)
    object_id = models.PositiveBigIntegerField(_("object id"))
    # Tells two mails about one object apart: a subscriber's n-th sign-up, a week.
    key = models.CharField(_("key"), max_length=64, blank=True, default="")
    language = models.CharField(_("language"), max_length=15)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    # From then on the sweep may send it: a few minutes after recording, later
    # after each failed attempt.
    due_at = models.DateTimeField(_("sweep from"))
    claimed_at = models.DateTimeField(_("being sent since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("done"), null=True, blank=True)
    skipped = models.BooleanField(
        _("nothing to send"),
        default=False,
        help_text=_("Done without a message, e.g. the subscriber left meanwhile."),
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Exception class and message with any e-mail address masked.
    last_error = models.TextField(_("last error"), blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "key"], name="outgoing_mail_once"
            )
        ]
        indexes = [
            # The sweep's query: only unsent rows, a handful at any time.
            models.Index(
                fields=["due_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outgoing_mail_unsent_due",
            )
        ]

    def __str__(self) -> str:
        suffix = f" {self.key}" if self.key else ""
        return f"{self.kind} #{self.object_id}{suffix}"
