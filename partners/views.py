from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_countries import countries

from portal import access
from portal.csvexport import csv_download
from portal.forms import add_service_errors
from portal.jsonld import json_ld
from portal.ratelimit import action_limited

from . import services
from .contact import contact_relay_create
from .filters import PartnerFilter
from .forms import ContactPartnerForm, PartnerForm
from .models import Institution, Partner, PartnerStatus, ResearchArea

# Staff who may see profiles that are not listed (and the CSV of listed ones): the
# same permission that opens the profiles in the admin.
VIEW_PERMISSION = "partners.view_partner"


def _own_profile(user) -> Partner | None:
    if not user.is_authenticated:
        return None
    return Partner.objects.filter(user=user).select_related("institution").first()


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    listed = Partner.objects.listed()
    present = set(listed.order_by().values_list("country", flat=True).distinct())
    filterset = PartnerFilter(request.GET or None, queryset=listed.for_cards())
    filterset.form.fields["country"].choices = [
        ("", _("Any country")),
        *[(code, name) for code, name in countries if code in present],
    ]
    if filterset.is_bound and not filterset.is_valid():
        queryset = Partner.objects.none()
    else:
        queryset = filterset.qs
    page = Paginator(queryset, settings.PARTNERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partners/partner_list.html",
        {
            "filter": filterset,
            "page": page,
            "partners": page.object_list,
            "query": query.urlencode(),
            "filtered": any(
                v for k, v in request.GET.items() if k not in ("page", "sort")
            ),
            "own_profile": _own_profile(request.user),
            "pending_count": (
                Partner.objects.filter(status=PartnerStatus.PENDING).count()
                if access.has_staff_perm(request.user, VIEW_PERMISSION)
                else None
            ),
            "may_create": services.partner_may_create(request.user),
        },
    )


def _visible_partner(request: HttpRequest, pk: int) -> Partner:
    partner = get_object_or_404(
        Partner.objects.for_profile().select_related("user"), pk=pk
    )
    user = request.user
    visible = (
        partner.is_listed and partner.user.is_active and not partner.user.deleted_at
    )
    # Not listed means not there, for anyone but its owner and staff who review it.
    if not visible and not (
        access.has_staff_perm(user, VIEW_PERMISSION)
        or (user.is_authenticated and partner.user_id == user.pk)
    ):
        raise Http404
    return partner


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _visible_partner(request, pk)
    return render(
        request,
        "partners/partner_detail.html",
        _detail_context(request, partner, ContactPartnerForm()),
    )


def _structured_data(request, partner: Partner) -> SafeString:
    """schema.org Person JSON-LD, so search engines and research-networking tools
    can read the profile; escaped for a <script type="application/ld+json">."""
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": partner.display_name,
        "url": request.build_absolute_uri(partner.get_absolute_url()),
        "jobTitle": partner.title or None,
        "affiliation": {
            "@type": "Organization",
            "name": partner.institution.name,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": partner.city or partner.institution.city or None,
                "addressCountry": partner.country.code,
            },
        },
        "knowsAbout": [a.name for a in partner.research_areas.all()]
        + partner.keyword_list,
        "sameAs": [u for u in (partner.orcid_url, partner.website) if u],
    }
    return json_ld({k: v for k, v in data.items() if v not in (None, [])})


def _detail_context(request, partner: Partner, form) -> dict:
    user = request.user
    return {
        "partner": partner,
        "structured_data": _structured_data(request, partner)
        if partner.is_listed
        else "",
        "contact_form": form,
        "is_owner": user.is_authenticated and partner.user_id == user.pk,
        "can_contact": partner.is_listed and partner.accepts_contact,
    }


@access.participant_required
@require_POST
def contact(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _visible_partner(request, pk)
    form = ContactPartnerForm(request.POST)
    context = _detail_context(request, partner, form)
    if action_limited(request, "partner-contact"):
        form.add_error(
            None,
            _(
                "You have written to several partners in a short time. Please try "
                "again later."
            ),
        )
        return render(request, "partners/partner_detail.html", context, status=429)
    if form.is_valid():
        try:
            contact_relay_create(
                partner=partner,
                sender=request.user,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Your message is on its way to %(name)s. Replies come to your "
                    "e-mail."
                )
                % {"name": partner.display_name},
            )
            return redirect(partner)
    return render(request, "partners/partner_detail.html", context, status=400)


@login_required
@require_GET
def my_profile(request: HttpRequest) -> HttpResponse:
    partner = _own_profile(request.user)
    decisions = partner.decisions.select_related("actor")[:20] if partner else []
    return render(
        request,
        "partners/partner_me.html",
        {
            "partner": partner,
            "decisions": decisions,
            "may_create": services.partner_may_create(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest) -> HttpResponse:
    partner = _own_profile(request.user)
    if partner is None and not services.partner_may_create(request.user):
        return render(request, "partners/partner_not_allowed.html", status=403)
    if partner is not None and not access.is_participant(request.user):
        return render(request, "partners/partner_not_allowed.html", status=403)
    initial = {}
    if partner is None:
        # Members who signed in with ORCID need not type their iD again.
        linked = SocialAccount.objects.filter(
            user=request.user, provider="orcid"
        ).first()
        if linked:
            initial["orcid"] = linked.uid
        initial["display_name"] = request.user.display_name
    form = PartnerForm(request.POST or None, partner=partner, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if partner is None:
                services.partner_create(user=request.user, data=form.service_data())
                messages.success(
                    request,
                    _("Thank you. Staff will verify your profile before it is listed."),
                )
            else:
                before = partner.status
                partner = services.partner_update(
                    partner=partner,
                    user=request.user,
                    data=form.service_data(),
                    note=form.cleaned_data.get("note_to_staff", ""),
                )
                if partner.status == PartnerStatus.PENDING and before != partner.status:
                    messages.info(
                        request,
                        _("Saved. Your profile waits for staff verification again."),
                    )
                else:
                    messages.success(request, _("Your profile was saved."))
            return redirect("partners:me")
        except ValidationError as exc:
            form.add_service_errors(exc)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "partners/partner_form.html",
        {"form": form, "partner": partner},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    partner = _own_profile(request.user)
    if partner is None:
        return redirect("partners:me")
    if request.method == "POST":
        services.partner_delete(partner=partner, user=request.user)
        messages.success(request, _("Your partner profile was deleted."))
        return redirect("partners:me")
    return render(request, "partners/partner_confirm_delete.html", {"partner": partner})


@require_GET
def institution_options(request: HttpRequest) -> HttpResponse:
    """<option>s of confirmed institutions matching ?q=, for the type-ahead.

    The current choice (?institution=) stays in the list so narrowing the list
    never silently drops it; a member's own unconfirmed suggestion counts too.
    """
    q = request.GET.get("q", "")
    selected = request.GET.get("institution", "")
    institutions = list(
        Institution.objects.confirmed().matching(q).order_by("name")[:50]
    )
    if (
        selected.isascii()
        and selected.isdigit()
        and all(str(i.pk) != selected for i in institutions)
    ):
        visible = Q(is_confirmed=True)
        if request.user.is_authenticated:
            visible |= Q(partners__user=request.user)
        current = Institution.objects.filter(visible, pk=selected).first()
        if current is not None:
            institutions.insert(0, current)
    return render(
        request,
        "partners/institution_options.html",
        {"institutions": institutions, "selected": selected, "q": q},
    )


@require_GET
def places(request: HttpRequest) -> HttpResponse:
    listed = Partner.objects.listed()
    names = dict(countries)
    by_country = sorted(
        (
            {
                "code": row["country"],
                "name": names.get(row["country"], row["country"]),
                "count": row["count"],
            }
            for row in listed.values("country").annotate(count=Count("pk")).order_by()
        ),
        key=lambda r: r["name"],
    )
    institutions = (
        Institution.objects.confirmed()
        .with_partner_counts()
        .filter(partner_count__gt=0)
        .order_by("country", "name")
    )
    return render(
        request,
        "partners/places.html",
        {
            "by_country": by_country,
            "institutions": institutions,
            # Every partner has a country, so the rows add up to the total.
            "total": sum(row["count"] for row in by_country),
            "areas": ResearchArea.objects.annotate(
                count=Count("partners", filter=Q(partners__in=listed))
            ).filter(count__gt=0),
        },
    )


CSV_COLUMNS = [
    "id",
    "name",
    "title",
    "institution",
    "institution_type",
    "department",
    "city",
    "country",
    "orcid",
    "website",
    "research_areas",
    "keywords",
    "open_to",
    "accepts_contact",
    "verified_at",
    "profile_url",
]


def partners_csv(queryset) -> HttpResponse:
    """Verified partners as CSV for staff; never any e-mail address."""
    partners = queryset.listed().for_cards().order_by("display_name", "pk")
    return csv_download(
        "nec-partners",
        CSV_COLUMNS,
        (
            [
                p.pk,
                p.display_name,
                p.title,
                p.institution.name,
                p.institution.get_type_display(),
                p.department,
                p.city,
                p.country.code,
                p.orcid,
                p.website,
                "; ".join(a.name for a in p.research_areas.all()),
                p.keywords,
                "; ".join(p.open_to),
                "yes" if p.accepts_contact else "no",
                p.verified_at.isoformat() if p.verified_at else "",
                settings.SITE_URL + p.get_absolute_url(),
            ]
            # Chunks of rows with their areas prefetched, never the whole list.
            for p in partners.iterator(chunk_size=500)
        ),
    )


@access.staff_required(perm=VIEW_PERMISSION)
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    return partners_csv(Partner.objects.all())
