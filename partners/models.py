from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .validators import orcid_url, publication_url


class ResearchAreaQuerySet(models.QuerySet):
    def active(self) -> "ResearchAreaQuerySet":
        return self.filter(is_active=True)


class ResearchArea(models.Model):
    """A term of the controlled vocabulary staff maintain."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=250, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("offered"),
        default=True,
        help_text=_("Retired areas stay on existing profiles but cannot be chosen."),
    )

    objects = ResearchAreaQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("research area")
        verbose_name_plural = _("research areas")

    def __str__(self) -> str:
        return self.name


class InstitutionType(models.TextChoices):
    UNIVERSITY = "university", _("University")
    HOSPITAL = "hospital", _("Hospital or NICU")
    INSTITUTE = "institute", _("Research institute")
    COMPANY = "company", _("Company")
    NONPROFIT = "nonprofit", _("Non-profit organisation")


class InstitutionQuerySet(models.QuerySet):
    def confirmed(self) -> "InstitutionQuerySet":
        return self.filter(is_confirmed=True)

    def matching(self, text: str) -> "InstitutionQuerySet":
        text = (text or "").strip()[:100]
        if not text:
            return self
        query = Q()
        for word in text.split()[:6]:
            query &= Q(name__icontains=word) | Q(city__icontains=word)
        return self.filter(query)

    def with_partner_counts(self) -> "InstitutionQuerySet":
        return self.annotate(
            partner_count=models.Count(
                "partners", filter=Q(partners__in=Partner.objects.listed())
            )
        )


class Institution(models.Model):
    """A university, hospital, institute, company or charity partners work at.

    Researchers may suggest a new one; it stays unconfirmed (not listed on its
    own anywhere public) until staff confirm it or merge it into an existing
    record, so one institution is not listed five ways.
    """

    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=InstitutionType.choices)
    website = models.URLField(_("website"), blank=True)
    is_confirmed = models.BooleanField(_("confirmed by staff"), default=False)
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suggested by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "country", name="institution_name_country_unique"
            ),
            models.CheckConstraint(
                condition=Q(type__in=[c[0] for c in InstitutionType.choices]),
                name="institution_type_valid",
            ),
        ]

    def __str__(self) -> str:
        place = ", ".join(p for p in (self.city, self.country.name) if p)
        return f"{self.name} ({place})" if place else self.name


class PartnerStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    RETURNED = "returned", _("Returned for changes")
    UNLISTED = "unlisted", _("Unlisted by staff")


class OpenTo(models.TextChoices):
    # Values name the Partner boolean fields `open_to_<value>`.
    COLLABORATION = "collaboration", _("Research collaboration")
    MENTORING = "mentoring", _("Mentoring")
    RECRUITING = "recruiting", _("Recruiting families for studies")
    SPEAKING = "speaking", _("Speaking")


class PartnerQuerySet(models.QuerySet):
    def listed(self) -> "PartnerQuerySet":
        """Verified profiles of active, undeleted members: what the public sees.

        Written as "not one of the few inactive or deleted members" rather than a
        join on every member row: the subquery reads a small partial index
        (migration 0004) instead of scanning the whole user table.
        """
        from django.contrib.auth import get_user_model

        gone = get_user_model().objects.filter(
            Q(is_active=False) | Q(deleted_at__isnull=False)
        )
        return self.filter(status=PartnerStatus.VERIFIED).exclude(
            user_id__in=gone.values("pk")
        )

    def for_cards(self) -> "PartnerQuerySet":
        return self.select_related("institution").prefetch_related(
            models.Prefetch(
                "research_areas", queryset=ResearchArea.objects.order_by("position")
            )
        )

    def for_profile(self) -> "PartnerQuerySet":
        return self.for_cards().prefetch_related(
            models.Prefetch(
                "publications", queryset=Publication.objects.order_by("position", "pk")
            )
        )

    def search(self, text: str) -> "PartnerQuerySet":
        """Full-text search on PostgreSQL, word-by-word matching on SQLite.

        PostgreSQL ranks by relevance over name, institution, keywords, areas and
        bio (see partners.services.partner_refresh_search); a name typed in part
        still matches.
        """
        text = (text or "").strip()[:200]
        if not text:
            return self
        if settings.USING_POSTGRES:
            query = SearchQuery(text, config="english", search_type="websearch")
            return (
                self.filter(Q(search_vector=query) | Q(display_name__icontains=text))
                .annotate(rank=SearchRank(F("search_vector"), query))
                .order_by("-rank", "display_name")
            )
        condition = Q()
        for word in text.split()[:8]:
            condition &= (
                Q(display_name__icontains=word)
                | Q(institution__name__icontains=word)
                | Q(department__icontains=word)
                | Q(keywords__icontains=word)
                | Q(bio__icontains=word)
                | Q(research_areas__name__icontains=word)
            )
        return self.filter(pk__in=self.filter(condition).values("pk"))


class Partner(models.Model):
    """A researcher's public profile in the partner directory."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_profile",
        verbose_name=_("member"),
    )
    display_name = models.CharField(
        _("name"), max_length=120, help_text=_("As you want it in the directory.")
    )
    title = models.CharField(
        _("title or role"),
        max_length=150,
        blank=True,
        help_text=_("For example: Professor of Neonatology, Research dietitian."),
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="partners",
        verbose_name=_("institution"),
    )
    department = models.CharField(_("department"), max_length=150, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"))
    orcid = models.CharField(
        _("ORCID iD"),
        max_length=19,
        blank=True,
        help_text=_("Like 0000-0002-1825-0097."),
    )
    website = models.URLField(_("website"), blank=True)
    bio = models.TextField(
        _("short biography"),
        max_length=3000,
        blank=True,
        help_text=_("What you work on and why, in a few paragraphs. Markdown allowed."),
    )
    research_areas = models.ManyToManyField(
        ResearchArea,
        blank=True,
        related_name="partners",
        verbose_name=_("research areas"),
    )
    keywords = models.CharField(
        _("keywords"),
        max_length=500,
        blank=True,
        help_text=_("Separated by commas, for example: lactoferrin, donor milk."),
    )
    open_to_collaboration = models.BooleanField(
        _("open to collaboration"), default=False
    )
    open_to_mentoring = models.BooleanField(_("open to mentoring"), default=False)
    open_to_recruiting = models.BooleanField(
        _("recruiting families for studies"), default=False
    )
    open_to_speaking = models.BooleanField(_("open to speaking"), default=False)
    accepts_contact = models.BooleanField(
        _("accept messages through the portal"),
        default=True,
        help_text=_(
            "Signed-in members can write to you through a form; your e-mail "
            "address is never shown to them."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PartnerStatus.choices,
        default=PartnerStatus.PENDING,
    )
    status_reason = models.TextField(
        _("reason given"),
        blank=True,
        help_text=_(
            "Why the profile was returned or unlisted; the researcher sees it."
        ),
    )
    submitted_at = models.DateTimeField(
        _("submitted for verification"), null=True, blank=True
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Filled by partners.services.partner_refresh_search on PostgreSQL; the GIN
    # index on it is created by a PostgreSQL-only migration step.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["display_name", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        # Changing a profile's text is not deciding whether it is listed: staff
        # may hold one without the other.
        permissions = [
            ("verify_partner", _("Can verify, return or unlist partner profiles")),
        ]
        constraints = [
            models.UniqueConstraint(
                "orcid", condition=~Q(orcid=""), name="partner_orcid_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[c[0] for c in PartnerStatus.choices]),
                name="partner_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "display_name"]),
            models.Index(fields=["status", "-verified_at"]),
            models.Index(fields=["country"]),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[self.pk])

    @property
    def is_listed(self) -> bool:
        return self.status == PartnerStatus.VERIFIED

    @property
    def orcid_url(self) -> str:
        return orcid_url(self.orcid)

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    @property
    def open_to(self) -> list[str]:
        return [c.value for c in OpenTo if getattr(self, f"open_to_{c.value}")]

    @property
    def open_to_labels(self) -> list[str]:
        return [str(c.label) for c in OpenTo if getattr(self, f"open_to_{c.value}")]


class PublicationKind(models.TextChoices):
    DOI = "doi", _("DOI")
    PMID = "pmid", _("PubMed ID")


class Publication(models.Model):
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="publications"
    )
    kind = models.CharField(_("type"), max_length=4, choices=PublicationKind.choices)
    identifier = models.CharField(
        _("identifier"), max_length=200, help_text=_("Stored normalised.")
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "kind", "identifier"],
                name="publication_unique_per_partner",
                violation_error_message=_("This publication is already listed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.identifier}"

    @property
    def url(self) -> str:
        return publication_url(self.kind, self.identifier)


class DecisionAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for verification")
    RESUBMITTED = "resubmitted", _("Resubmitted after changes")
    CHANGED = "changed", _("Material change: back to verification")
    VERIFIED = "verified", _("Verified")
    RETURNED = "returned", _("Returned for changes")
    UNLISTED = "unlisted", _("Unlisted")


# Decisions that staff take and the researcher hears about by e-mail.
STAFF_ACTIONS = {
    DecisionAction.VERIFIED,
    DecisionAction.RETURNED,
    DecisionAction.UNLISTED,
}


class VerificationDecision(models.Model):
    """One step of a profile's verification history: who, when, why."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="decisions"
    )
    action = models.CharField(
        _("action"), max_length=20, choices=DecisionAction.choices
    )
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    emailed_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("verification decision")
        verbose_name_plural = _("verification decisions")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.partner}"


class ContactRelay(models.Model):
    """A message a member sent a partner through the portal, kept for staff.

    The sender's address goes to the partner as Reply-To (the form says so);
    the partner's address is never shown to the sender.
    """

    partner = models.ForeignKey(
        Partner,
        on_delete=models.CASCADE,
        related_name="messages_received",
        verbose_name=_("partner"),
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_messages_sent",
        verbose_name=_("sender"),
    )
    subject = models.CharField(_("subject"), max_length=150)
    message = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    relayed_at = models.DateTimeField(_("relayed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message to a partner")
        verbose_name_plural = _("messages to partners")

    def __str__(self) -> str:
        return f"{self.subject} → {self.partner}"
