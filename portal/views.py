import json

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic import TemplateView
from django.views.i18n import set_language as django_set_language

from . import services
from .forms import ContactForm, DeleteAccountForm, ProfileForm, WebinarSubscribeForm
from .i18n import set_language_cookie, supported
from .models import FAQ, FAQCategory
from .ratelimit import action_limited


class HomeView(TemplateView):
    template_name = "portal/home.html"


class AboutView(TemplateView):
    template_name = "portal/about.html"


class PrivacyView(TemplateView):
    template_name = "portal/privacy.html"


class AudienceView(TemplateView):
    audience = "families"

    def get_template_names(self):
        return [f"portal/audience_{self.audience}.html"]


class FAQView(TemplateView):
    template_name = "portal/faq.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        q = self.request.GET.get("q", "").strip()[:200]
        questions = list(FAQ.objects.published().search(q))
        categories = {c.pk: c for c in FAQCategory.objects.all()}
        grouped: dict[int, list[FAQ]] = {}
        for faq in questions:
            grouped.setdefault(faq.category_id, []).append(faq)
        ctx.update(
            q=q,
            questions=questions,
            sections=[(categories[pk], items) for pk, items in grouped.items()],
            structured_data=services.faq_structured_data(questions),
        )
        return ctx


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        if action_limited(request, "contact"):
            form.add_error(
                None,
                _(
                    "You have sent several messages in a short time. Please wait an "
                    "hour and try again, or e-mail us directly."
                ),
            )
            return render(request, "portal/contact.html", {"form": form}, status=429)
        if form.is_valid():
            if not form.is_bot():
                services.contact_message_create(**_contact_fields(form.cleaned_data))
            return redirect("contact_thanks")
    return render(request, "portal/contact.html", {"form": form})


def _contact_fields(data: dict) -> dict:
    return {key: data[key] for key in ("name", "email", "topic", "message")}


class ContactThanksView(TemplateView):
    template_name = "portal/contact_thanks.html"


@require_http_methods(["GET", "POST"])
def webinar_subscribe(request: HttpRequest) -> HttpResponse:
    form = WebinarSubscribeForm(request.POST or None)
    if request.method == "POST":
        if action_limited(request, "webinar-subscribe"):
            form.add_error(
                None, _("Too many sign-ups from your connection. Try again later.")
            )
            return render(request, "portal/webinars.html", {"form": form}, status=429)
        if form.is_valid():
            if not form.is_bot():
                services.webinar_subscribe(email=form.cleaned_data["email"])
            # Same answer whether or not the address was known: no list probing.
            return render(request, "portal/webinar_check_inbox.html")
    return render(request, "portal/webinars.html", {"form": form})


@require_http_methods(["GET", "POST"])
def webinar_confirm(request: HttpRequest, token: str) -> HttpResponse:
    # GET shows a button; only the POST confirms, so mail scanners that follow
    # links cannot subscribe anyone.
    try:
        link = services.webinar_link_read(token, purpose="confirm")
        if request.method == "POST":
            services.webinar_confirm(link=link)
            return render(request, "portal/webinar_done.html", {"confirmed": True})
        subscriber = services.webinar_link_subscriber(link=link)
    except (signing.BadSignature, services.LinkError) as exc:
        return _bad_link(request, exc)
    return render(request, "portal/webinar_confirm.html", {"email": subscriber.email})


# Mail clients send the one-click unsubscribe (RFC 8058) as a POST without a
# CSRF token; the signed token in the URL is the authorisation.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def webinar_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = services.webinar_link_read(token, purpose="unsubscribe")
        if request.method == "POST":
            services.webinar_unsubscribe(link=link)
            return render(request, "portal/webinar_done.html", {"confirmed": False})
        subscriber = services.webinar_link_subscriber(link=link)
    except (signing.BadSignature, services.LinkError) as exc:
        return _bad_link(request, exc)
    return render(
        request, "portal/webinar_unsubscribe.html", {"email": subscriber.email}
    )


def _bad_link(request: HttpRequest, exc: Exception) -> HttpResponse:
    if isinstance(exc, services.LinkError):
        reason = str(exc)
    elif isinstance(exc, signing.SignatureExpired):
        reason = _("This link has expired. Sign up again to get a new one.")
    else:
        reason = _("This link is not valid. Check that you copied all of it.")
    return render(
        request, "portal/webinar_bad_link.html", {"reason": reason}, status=400
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        code = supported(user.language) or translation.get_language()
        with translation.override(code):
            messages.success(request, _("Your profile was saved."))
            response = redirect("account_profile")
        set_language_cookie(response, code)
        return response
    return render(request, "account/profile.html", {"form": form})


@login_required
@require_GET
def account_export(request: HttpRequest) -> HttpResponse:
    data = services.account_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, default=str), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-nec-portal-data.json"'
    return response


# Deletion cannot be undone: ask for the password again unless the member
# signed in within the last few minutes (allauth's reauthentication).
@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Delete first: if anything fails the member is still signed in and
        # nothing was lost; sign out only once the data is gone.
        services.account_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account and personal data were deleted."))
        return redirect("home")
    return render(request, "account/delete.html", {"form": form})


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {exc.__class__.__name__}"
    if settings.CELERY_BROKER_URL:
        checks["broker"] = services.broker_status()
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie, redirect to `next`), and for a member the
    choice is stored on their profile so mail and later sign-ins follow it."""
    response = django_set_language(request)
    code = supported(request.POST.get("language"))
    if code and request.user.is_authenticated:
        services.member_language_set(user=request.user, language=code)
    return response
