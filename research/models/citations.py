"""Published sources cited by findings."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import identifiers
from portal.identifiers import validate_doi, validate_pmid


class Citation(models.Model):
    """A published source. At least one of DOI or PMID is required."""

    authors = models.CharField(
        _("authors"),
        max_length=300,
        blank=True,
        help_text=_(
            "As in the source, e.g. “Sharif S, Meader N, et al.”. Leave "
            "empty if the author list has not been checked."
        ),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=400, blank=True)
    journal = models.CharField(
        _("journal and issue"),
        max_length=200,
        help_text=_("e.g. “Cochrane Database Syst Rev 2020;10:CD005496”."),
    )
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[validate_doi],
        help_text=_("e.g. 10.1002/14651858.CD005496.pub5 (a doi.org link is fine)."),
    )
    pmid = models.CharField(
        _("PMID"),
        max_length=12,
        blank=True,
        validators=[validate_pmid],
        help_text=_("PubMed id, digits only, e.g. 33058137."),
    )
    note = models.CharField(
        _("note on the source"),
        max_length=300,
        blank=True,
        help_text=_("Shown with the citation, e.g. which table the figures come from."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(doi="") | ~Q(pmid=""),
                name="citation_has_doi_or_pmid",
                violation_error_message=_("Give a DOI or a PMID (or both)."),
            ),
            models.UniqueConstraint(
                Lower("doi"),
                condition=~Q(doi=""),
                name="citation_doi_unique_ci",
                violation_error_message=_("A citation with this DOI already exists."),
            ),
            models.UniqueConstraint(
                "pmid",
                condition=~Q(pmid=""),
                name="citation_pmid_unique",
                violation_error_message=_("A citation with this PMID already exists."),
            ),
        ]

    def __str__(self) -> str:
        lead = self.authors or self.title
        return f"{lead} ({self.year})" if self.year else lead

    @property
    def has_identifier(self) -> bool:
        return bool(self.doi or self.pmid)

    @property
    def doi_url(self) -> str:
        return identifiers.doi_url(self.doi)

    @property
    def pubmed_url(self) -> str:
        return identifiers.pubmed_url(self.pmid)

    def as_snapshot(self) -> dict:
        return {
            "id": self.pk,
            "authors": self.authors,
            "year": self.year,
            "title": self.title,
            "journal": self.journal,
            "doi": self.doi,
            "pmid": self.pmid,
            "note": self.note,
        }


def citation_search_vector():
    from django.contrib.postgres.search import SearchVector

    # Must match the expression of the GIN index created in migration 0002.
    return SearchVector("title", "authors", "journal", config="english")
