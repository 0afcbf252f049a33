"""Staff pages for possible duplicates: merge one into another, or dismiss them."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.access import staff_required

from . import duplicates, services
from .models import Priority


@staff_required(perm=services.CHANGE_PERM)
@require_GET
def duplicate_list(request: HttpRequest) -> HttpResponse:
    """Groups of published and pending priorities that may ask the same thing."""
    return render(
        request,
        "priorities/duplicates.html",
        {"groups": duplicates.duplicate_groups()},
    )


@staff_required(perm=services.CHANGE_PERM)
@require_POST
def duplicate_dismiss(request: HttpRequest) -> HttpResponse:
    pks = [int(pk) for pk in request.POST.getlist("priority") if pk.isdigit()]
    found = list(Priority.objects.filter(pk__in=pks))
    if len(found) < 2:
        messages.error(request, _("Choose at least two priorities."))
    else:
        duplicates.duplicate_dismiss(priorities=found, actor=request.user)
        messages.success(
            request, _("Noted: these priorities will not be proposed together again.")
        )
    return redirect("priorities:duplicates")
