"""Staff work on partners here: verify, return or unlist with a reason, confirm
and merge institutions, read the contact log, export CSV."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from portal.admin_mixins import NoAddOrChangeAdminMixin, ReadOnlyAdminMixin
from portal.forms import add_service_errors

from . import decisions, services
from .forms import DecisionForm
from .models import (
    ContactRelay,
    Institution,
    OpenTo,
    Partner,
    Publication,
    ResearchArea,
    VerificationDecision,
)
from .views import partners_csv


@admin.register(ResearchArea)
class ResearchAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "is_active", "partner_count"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_partners=Count("partners"))

    @admin.display(description=_("partners"), ordering="n_partners")
    def partner_count(self, obj) -> int:
        return obj.n_partners


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "name",
        "type",
        "city",
        "country",
        "is_confirmed",
        "partner_count",
        "suggested_by",
        "created_at",
    ]
    list_filter = ["is_confirmed", "type", "country"]
    search_fields = ["name", "city"]
    list_select_related = ["suggested_by"]
    readonly_fields = ["suggested_by", "created_at"]
    actions = ["confirm", "merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_partners=Count("partners"))

    @admin.display(description=_("partners"), ordering="n_partners")
    def partner_count(self, obj) -> int:
        return obj.n_partners

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            decisions.institution_refresh_partners(institution=obj)

    @admin.action(
        description=_("Confirm selected institutions"), permissions=["change"]
    )
    def confirm(self, request, queryset):
        count = decisions.institution_confirm(institutions=queryset, staff=request.user)
        self.message_user(request, _("%(n)d institution(s) confirmed.") % {"n": count})

    @admin.action(
        description=_("Merge selected into the one confirmed institution among them"),
        permissions=["change"],
    )
    def merge(self, request, queryset):
        confirmed = [i for i in queryset if i.is_confirmed]
        if len(confirmed) != 1 or queryset.count() < 2:
            self.message_user(
                request,
                _(
                    "Select exactly one confirmed institution (the one to keep) and "
                    "the suggestions to merge into it."
                ),
                messages.ERROR,
            )
            return
        moved = decisions.institution_merge(
            sources=list(queryset), target=confirmed[0], staff=request.user
        )
        self.message_user(
            request,
            _("Merged into %(name)s; %(n)d partner profile(s) moved.")
            % {"name": confirmed[0].name, "n": moved},
        )


class PublicationInline(admin.TabularInline):
    model = Publication
    extra = 0
    fields = ["kind", "identifier", "title", "position"]
    readonly_fields = ["kind", "identifier"]

    def has_add_permission(self, request, obj=None) -> bool:
        # Researchers add publications through the validated form or API.
        return False


class DecisionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = VerificationDecision
    extra = 0
    fields = ["created_at", "action", "actor", "reason", "emailed_at"]
    readonly_fields = fields


def _decision_action(name: str, label, service):
    def action(modeladmin, request, queryset):
        form = DecisionForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            done, failed = 0, []
            for partner in queryset:
                try:
                    service(
                        partner=partner,
                        staff=request.user,
                        reason=form.cleaned_data["reason"],
                    )
                    done += 1
                except ValidationError as exc:
                    failed.append(f"{partner.display_name}: {' '.join(exc.messages)}")
                except PermissionDenied as exc:
                    failed.append(f"{partner.display_name}: {exc}")
            if done:
                modeladmin.message_user(
                    request,
                    _("%(action)s: %(n)d profile(s).") % {"action": label, "n": done},
                )
            for failure in failed:
                modeladmin.message_user(request, failure, messages.ERROR)
            return None
        return TemplateResponse(
            request,
            "partners/admin/decision.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": label,
                "form": form,
                "partners": queryset,
                "action_name": name,
                "needs_reason": name != "verify",
                "opts": modeladmin.model._meta,
            },
        )

    action.__name__ = name
    return admin.action(description=label, permissions=["verify"])(action)


# The decisions on a profile; each needs partners.verify_partner.
DECISIONS = {"verify", "return_for_changes", "unlist"}


class PartnerAdminForm(forms.ModelForm):
    """The change form checks its input with the service that saves it, so a
    mistake (an ORCID iD failing its check digit, a retired research area) is a
    message on the form, as on the researcher's own page."""

    # Long enough for a pasted https://orcid.org/ link; the service shortens it.
    orcid = forms.CharField(
        label=Partner._meta.get_field("orcid").verbose_name,
        max_length=60,
        required=False,
        help_text=_(
            "Like 0000-0002-1825-0097; you may paste the https://orcid.org/ link."
        ),
    )
    website = forms.URLField(
        label=Partner._meta.get_field("website").verbose_name,
        required=False,
        assume_scheme="https",
    )
    # Who is editing: set by PartnerAdmin.get_form for each request.
    staff = None

    class Meta:
        model = Partner
        fields = [
            "display_name",
            "title",
            "orcid",
            "website",
            "institution",
            "department",
            "city",
            "country",
            "bio",
            "research_areas",
            "keywords",
            *(f"open_to_{choice}" for choice in OpenTo.values),
            "accepts_contact",
        ]

    def service_data(self) -> dict:
        """The cleaned input, shaped for services.partner_staff_update."""
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if not name.startswith("open_to_")
        }
        if "research_areas" in data:
            data["research_areas"] = list(data["research_areas"])
        data["open_to"] = [
            choice
            for choice in OpenTo.values
            if self.cleaned_data.get(f"open_to_{choice}")
        ]
        return data

    def clean(self):
        cleaned = super().clean()
        try:
            checked = services.partner_check(
                partner=self.instance, staff=self.staff, data=self.service_data()
            )
        except ValidationError as exc:
            add_service_errors(self, exc)
            return cleaned
        # The normalised text is what the model form then validates and shows.
        for name in (*services.TEXT_FIELDS, "orcid", "keywords"):
            if name in cleaned:
                cleaned[name] = getattr(checked, name)
        return cleaned


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    form = PartnerAdminForm
    list_display = [
        "display_name",
        "institution",
        "country",
        "status",
        "submitted_at",
        "verified_at",
        "accepts_contact",
    ]
    list_filter = [
        "status",
        "institution__is_confirmed",
        "institution__type",
        "country",
        "research_areas",
        "accepts_contact",
    ]
    search_fields = [
        "display_name",
        "orcid",
        "institution__name",
        "keywords",
        "user__email",
    ]
    list_select_related = ["institution"]
    date_hierarchy = "submitted_at"
    autocomplete_fields = ["institution"]
    inlines = [PublicationInline, DecisionInline]
    # Status only changes through the actions, so every decision is logged and mailed.
    readonly_fields = [
        "user",
        "status",
        "status_reason",
        "submitted_at",
        "verified_at",
        "verified_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["user", "display_name", "title", "orcid", "website"]}),
        (_("Where"), {"fields": ["institution", "department", "city", "country"]}),
        (_("Work"), {"fields": ["bio", "research_areas", "keywords"]}),
        (
            _("Open to"),
            {
                "fields": [
                    "open_to_collaboration",
                    "open_to_mentoring",
                    "open_to_recruiting",
                    "open_to_speaking",
                    "accepts_contact",
                ]
            },
        ),
        (
            _("Verification"),
            {
                "fields": [
                    "status",
                    "status_reason",
                    "submitted_at",
                    "verified_at",
                    "verified_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    filter_horizontal = ["research_areas"]
    actions = [
        _decision_action(
            "verify", _("Verify selected profiles"), decisions.partner_verify
        ),
        _decision_action(
            "return_for_changes",
            _("Return selected profiles for changes"),
            decisions.partner_return,
        ),
        _decision_action(
            "unlist", _("Unlist selected profiles"), decisions.partner_unlist
        ),
        "export_csv",
    ]

    def has_add_permission(self, request) -> bool:
        # A profile belongs to a researcher, who creates it on the site.
        return False

    def has_verify_permission(self, request) -> bool:
        return decisions.may_verify(request.user)

    def response_action(self, request, queryset):
        # Django leaves out the actions someone may not take and answers a post of
        # one with "No action selected"; a decision, or its confirmation page,
        # asked for without the permission is refused outright.
        asked = set(request.POST.getlist("action")) & DECISIONS
        if asked and not self.has_verify_permission(request):
            raise PermissionDenied
        return super().response_action(request, queryset)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # A new class on every call, so this does not leak across requests.
        form.staff = request.user
        return form

    def save_model(self, request, obj, form, change):
        # The form's clean() ran the same checks; saving through the service
        # keeps one path for every write to a profile (and reindexes it).
        services.partner_staff_update(
            partner=obj, staff=request.user, data=form.service_data()
        )
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        # No form.save_m2m(): the service stored the research areas, checked.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Publication:
            return super().save_formset(request, form, formset, change)
        # commit=False writes nothing; it lists the changed and deleted rows,
        # which the admin's history message reads.
        formset.save(commit=False)
        if not (formset.changed_objects or formset.deleted_objects):
            return None
        kept = sorted(
            (
                f.instance
                for f in formset.initial_forms
                if f not in formset.deleted_forms
            ),
            key=lambda publication: (publication.position, publication.pk),
        )
        services.partner_staff_update(
            partner=form.instance,
            staff=request.user,
            data={
                "publications": [
                    {"identifier": p.identifier, "title": p.title} for p in kept
                ]
            },
        )
        return None

    @admin.action(description=_("Export verified partners among the selected (CSV)"))
    def export_csv(self, request, queryset):
        return partners_csv(queryset)


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["identifier", "kind", "title", "partner"]
    list_filter = ["kind"]
    search_fields = ["identifier", "title", "partner__display_name"]
    list_select_related = ["partner"]
    readonly_fields = ["partner", "kind", "identifier"]

    def has_add_permission(self, request) -> bool:
        # Added through the researcher's validated form or the API only.
        return False


@admin.register(VerificationDecision)
class VerificationDecisionAdmin(NoAddOrChangeAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "partner", "action", "actor", "emailed_at"]
    list_filter = ["action"]
    search_fields = ["partner__display_name", "reason"]
    list_select_related = ["partner", "actor"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "partner",
        "action",
        "reason",
        "actor",
        "created_at",
        "emailed_at",
    ]


@admin.register(ContactRelay)
class ContactRelayAdmin(NoAddOrChangeAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "subject", "partner", "sender", "relayed_at"]
    search_fields = [
        "subject",
        "message",
        "partner__display_name",
        "sender__display_name",
    ]
    list_select_related = ["partner", "sender"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "partner",
        "sender",
        "subject",
        "message",
        "created_at",
        "relayed_at",
    ]
