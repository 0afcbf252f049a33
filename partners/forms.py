from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.forms import add_service_errors

from .models import (
    ContactRelay,
    Institution,
    InstitutionType,
    OpenTo,
    Partner,
    ResearchArea,
)


class PartnerForm(forms.Form):
    """Input for partners.services.partner_create / partner_update."""

    display_name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("As it should appear in the directory, e.g. Dr Amina Rahman."),
    )
    title = forms.CharField(
        label=_("Title or role"),
        max_length=150,
        required=False,
        help_text=Partner._meta.get_field("title").help_text,
    )
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.none(),
        required=False,
        empty_label=_("— choose from the list —"),
        help_text=_("Start typing to narrow the list. Not there? Suggest it below."),
    )
    new_institution_name = forms.CharField(
        label=_("Suggest a new institution: name"),
        max_length=200,
        required=False,
        help_text=_(
            "Only if yours is not in the list. Staff confirm new institutions before "
            "your profile is verified."
        ),
    )
    new_institution_country = forms.ChoiceField(
        label=_("Its country"),
        choices=[("", "—"), *countries],
        required=False,
    )
    new_institution_city = forms.CharField(
        label=_("Its city"), max_length=100, required=False
    )
    new_institution_type = forms.ChoiceField(
        label=_("Its type"),
        choices=[("", "—"), *InstitutionType.choices],
        required=False,
    )
    department = forms.CharField(label=_("Department"), max_length=150, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    country = forms.ChoiceField(
        label=_("Country"),
        choices=[("", _("— same as the institution —")), *countries],
        required=False,
    )
    orcid = forms.CharField(
        label=_("ORCID iD"),
        max_length=60,
        required=False,
        help_text=_(
            "Like 0000-0002-1825-0097; you may paste the https://orcid.org/ link."
        ),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    bio = forms.CharField(
        label=_("Short biography"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=Partner._meta.get_field("bio").help_text,
    )
    research_areas = forms.ModelMultipleChoiceField(
        label=_("Research areas"),
        queryset=ResearchArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        max_length=1000,
        required=False,
        help_text=Partner._meta.get_field("keywords").help_text,
    )
    publications = forms.CharField(
        label=_("Selected publications"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One per line: a DOI (10.1000/xyz123) or a PubMed ID (31234567), "
            "optionally followed by a space and the title."
        ),
    )
    open_to = forms.MultipleChoiceField(
        label=_("I am open to"),
        choices=OpenTo.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note_to_staff = forms.CharField(
        label=_("Note to staff (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Answer staff's reason for returning your profile, if you like."),
    )
    accepts_contact = forms.BooleanField(
        label=_("Members may write to me through the portal"),
        required=False,
        help_text=Partner._meta.get_field("accepts_contact").help_text,
    )

    def __init__(self, *args, partner: Partner | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        institutions = Institution.objects.confirmed()
        areas = ResearchArea.objects.active()
        if partner is not None:
            # Keep what the profile already has, even if not (or no longer) offered.
            institutions = Institution.objects.filter(
                pk__in=institutions.values("pk")
            ) | Institution.objects.filter(pk=partner.institution_id)
            areas = ResearchArea.objects.filter(
                pk__in=areas.values("pk")
            ) | ResearchArea.objects.filter(partners=partner)
        self.fields["institution"].queryset = institutions.distinct().order_by("name")
        self.fields["institution"].widget.attrs.update(
            {
                "class": "js-institution-select",
                "data-options-url": reverse("partners:institution_options"),
                "data-search-label": _("Find your institution by name or city"),
            }
        )
        self.fields["research_areas"].queryset = areas.distinct().order_by(
            "position", "name"
        )
        if partner is None or partner.status != "returned":
            del self.fields["note_to_staff"]
        if partner is not None and not self.is_bound:
            self.initial.update(self.initial_for(partner))
        elif not self.is_bound:
            self.initial.setdefault("accepts_contact", True)

    @staticmethod
    def initial_for(partner: Partner) -> dict:
        lines = [
            f"{p.identifier} {p.title}".strip() for p in partner.publications.all()
        ]
        return {
            "display_name": partner.display_name,
            "title": partner.title,
            "institution": partner.institution_id,
            "department": partner.department,
            "city": partner.city,
            "country": partner.country.code,
            "orcid": partner.orcid,
            "website": partner.website,
            "bio": partner.bio,
            "research_areas": list(partner.research_areas.all()),
            "keywords": partner.keywords,
            "publications": "\n".join(lines),
            "open_to": partner.open_to,
            "accepts_contact": partner.accepts_contact,
        }

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("note_to_staff", None)
        name = data.pop("new_institution_name", "").strip()
        suggestion = {
            "name": name,
            "country": data.pop("new_institution_country", ""),
            "city": data.pop("new_institution_city", ""),
            "type": data.pop("new_institution_type", ""),
        }
        data["new_institution"] = suggestion if name else None
        data["publications"] = [
            dict(
                zip(("identifier", "title"), line.strip().split(None, 1), strict=False)
            )
            for line in data.get("publications", "").splitlines()
            if line.strip()
        ]
        return data

    def add_service_errors(self, error) -> None:
        """Show a service ValidationError next to the fields it names."""
        add_service_errors(
            self, error, rename={"new_institution": "new_institution_name"}
        )


class ContactPartnerForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("Share my e-mail address with this partner so they can reply to me"),
        required=True,
        error_messages={
            "required": _("The partner can only answer you if you share your address.")
        },
    )

    class Meta:
        model = ContactRelay
        fields = ["subject", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 7})}


class DecisionForm(forms.Form):
    """The reason staff give when they verify, return or unlist profiles."""

    reason = forms.CharField(
        label=_("Reason (the researcher sees it in the e-mail and on their profile)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )
