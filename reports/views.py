"""The staff reports page and its CSV and JSON downloads."""

from urllib.parse import urlencode

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal.access import staff_required

from . import charts, documents
from .models import VIEW_PERM
from .params import PeriodForm, default_period, quarter_links
from .registry import all_reports, get_report, run_report
from .summaries import latest_run


@staff_required(perm=VIEW_PERM)
@require_safe
def index(request):
    """Every report for the period, with a chart and a table each; printable."""
    form = PeriodForm(request.GET or None)
    context = {"form": form, "quarters": quarter_links()}
    if request.GET and not form.is_valid():
        return render(request, "reports/index.html", context, status=400)
    if not request.GET:
        start, end = default_period()
        form = PeriodForm({"from": start.isoformat(), "to": end.isoformat()})
        form.is_valid()
        context["form"] = form
    params = form.params()
    sections = []
    for report in all_reports():
        result = run_report(report.name, params)
        sections.append(
            {
                "report": report,
                "result": result,
                "tables": [
                    (
                        table,
                        charts.draw(table),
                        [[row.get(key) for key in table.keys] for row in table.rows],
                    )
                    for table in result.tables
                ],
            }
        )
    context.update(
        params=params,
        sections=sections,
        run=latest_run(),
        # The downloads take the period the page shows, defaults spelled out.
        query_string=urlencode(params.as_query()),
    )
    return render(request, "reports/index.html", context)


def _refusal(form) -> JsonResponse:
    """A bad parameter on a download: a 400 naming it, as the API answers."""
    errors = {
        field: [str(m) for m in messages] for field, messages in form.errors.items()
    }
    return JsonResponse({"detail": _("Invalid input."), "errors": errors}, status=400)


def _one(request, name):
    report = get_report(name)
    if report is None:
        raise Http404
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return report, None, form
    params = form.params()
    return report, params, form


@staff_required(perm=VIEW_PERM)
@require_safe
def download_csv(request, name):
    report, params, form = _one(request, name)
    if params is None:
        return JsonResponse(
            {"detail": "Invalid input.", "errors": form.errors}, status=400
        )
    return documents.csv_response(report, params, run_report(name, params))


@staff_required(perm=VIEW_PERM)
@require_safe
def download_json(request, name):
    report, params, form = _one(request, name)
    if params is None:
        return JsonResponse(
            {"detail": "Invalid input.", "errors": form.errors}, status=400
        )
    response = JsonResponse(
        documents.as_document(report, params, run_report(name, params)),
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Disposition"] = f'attachment; filename="nec-report-{name}.json"'
    return response
