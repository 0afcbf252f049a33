"""Citations in the admin: the form accepts pasted DOI links and "PMID:" labels, and
saves through research.services. Registered in research/admin.py."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Citation

CITATION_FIELDS = ["authors", "year", "title", "journal", "doi", "pmid", "note"]


class CitationForm(forms.ModelForm):
    # Wider than the stored columns: people paste links and "PMID: ..." labels,
    # which clean_doi/clean_pmid strip before saving.
    doi = forms.CharField(
        label=_("DOI"),
        max_length=300,
        required=False,
        help_text=Citation._meta.get_field("doi").help_text,
    )
    pmid = forms.CharField(
        label=_("PMID"),
        max_length=80,
        required=False,
        help_text=Citation._meta.get_field("pmid").help_text,
    )

    class Meta:
        model = Citation
        fields = CITATION_FIELDS

    def clean(self):
        data = super().clean()
        if not self.errors:
            data["doi"], data["pmid"] = services.citation_ids_clean(
                doi=data.get("doi", ""), pmid=data.get("pmid", "")
            )
        return data


class CitationAdmin(admin.ModelAdmin):
    form = CitationForm
    list_display = ["__str__", "journal", "doi_link", "pubmed_link", "updated_at"]
    list_filter = ["year"]
    search_fields = ["authors", "title", "journal", "doi", "pmid"]

    @admin.display(description=_("DOI"))
    def doi_link(self, obj):
        if not obj.doi:
            return "—"
        return format_html('<a href="{}" rel="noopener">{}</a>', obj.doi_url, obj.doi)

    @admin.display(description=_("PMID"))
    def pubmed_link(self, obj):
        if not obj.pmid:
            return "—"
        return format_html(
            '<a href="{}" rel="noopener">{}</a>', obj.pubmed_url, obj.pmid
        )

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in CITATION_FIELDS}
        if change:
            services.citation_update(by=request.user, citation=obj, **fields)
        else:
            obj.pk = services.citation_create(by=request.user, **fields).pk
