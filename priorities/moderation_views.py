"""Staff pages for priorities: the moderation queue, merging one priority into
another, and trusting a member whose proposals then publish directly. The
duplicate finder has its own module (duplicate_views.py)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.access import staff_required
from portal.http import safe_next
from portal.models import User

from . import merging, services
from .forms import MergeForm, TrustForm
from .models import Priority, Status
from .views import _error_text


@staff_required(perm=services.CHANGE_PERM)
@require_POST
def priority_merge(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Priority, pk=pk)
    form = MergeForm(request.POST, prefix=f"merge-{pk}")
    back = safe_next(request, source.get_absolute_url())
    if not form.is_valid():
        messages.error(
            request,
            " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
        return redirect(back)
    target = form.cleaned_data["target"]
    try:
        result = merging.priority_merge(
            source=source,
            target=target,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect(back)
    messages.success(
        request,
        _(
            "Merged. %(moved)d supports moved; %(dup)d members already supported "
            "the target and were counted once."
        )
        % {"moved": result.moved, "dup": result.already_supporting},
    )
    return redirect(back if "next" in request.POST else target.get_absolute_url())


@staff_required(perm="portal.change_user")
@require_POST
def member_trust(request: HttpRequest, user_id: int) -> HttpResponse:
    member = get_object_or_404(User, pk=user_id, deleted_at__isnull=True)
    form = TrustForm(request.POST)
    form.is_valid()
    services.member_trust(
        member=member, actor=request.user, reason=form.cleaned_data.get("reason", "")
    )
    messages.success(
        request,
        _("%(name)s is now trusted: their proposals publish directly.")
        % {"name": member.public_name},
    )
    return redirect(safe_next(request, reverse("priorities:moderation")))


@staff_required(perm=services.CHANGE_PERM)
@require_GET
def moderation_queue(request: HttpRequest) -> HttpResponse:
    pending = list(
        Priority.objects.filter(status=Status.PENDING)
        .with_related()
        .order_by("created_at")[:50]
    )
    total = Priority.objects.filter(status=Status.PENDING).count()
    actions = [
        (Status.PUBLISHED, _("Approve and publish"), False),
        (Status.SHORTLISTED, _("Publish and shortlist"), False),
        (Status.ANSWERED, _("Mark answered by existing evidence"), True),
        (Status.DECLINED, _("Decline"), True),
    ]
    return render(
        request,
        "priorities/moderation_queue.html",
        {
            "pending": pending,
            "total": total,
            "actions": actions,
            "trusted_after": settings.PRIORITIES_TRUSTED_AFTER,
        },
    )
