"""`/api/v1/reports/` and `/api/v1/reports/<name>/`: read-only, for staff and
reporting tokens."""

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import exceptions, serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.access import IsStaffOrReportingClient
from portal.models import StakeholderGroup

from . import documents
from .models import VIEW_PERM
from .params import parse_params
from .registry import all_reports, get_report, run_report

READ = [IsStaffOrReportingClient.with_perm(VIEW_PERM)]


class CSVRenderer(BaseRenderer):
    """`?format=csv`: the view hands over the finished file."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes | str) else b""


_Report = inline_serializer(
    "ReportListItem",
    many=True,
    fields={
        "name": serializers.CharField(),
        "title": serializers.CharField(),
        "description": serializers.CharField(),
        "filters": serializers.ListField(child=serializers.CharField()),
        "url": serializers.CharField(),
    },
)

_Document = inline_serializer(
    "ReportDocument",
    fields={
        "report": serializers.CharField(),
        "title": serializers.CharField(),
        "period": serializers.DictField(child=serializers.CharField()),
        "filters": serializers.DictField(child=serializers.CharField(allow_blank=True)),
        "source": serializers.ChoiceField(choices=["summary", "live"]),
        "computed_at": serializers.DateTimeField(),
        "tables": serializers.ListField(child=serializers.DictField()),
    },
)


class ReportListView(APIView):
    permission_classes = READ

    @extend_schema(
        summary="The reports",
        description="Staff (holding reports.view_reports) or a reporting token.",
        responses={200: _Report},
    )
    def get(self, request):
        return Response(
            [
                {
                    "name": report.name,
                    "title": str(report.title),
                    "description": str(report.description),
                    "filters": list(report.filters),
                    "url": request.build_absolute_uri(
                        reverse("reports-detail", args=[report.name])
                    ),
                }
                for report in all_reports()
            ]
        )


class ReportDetailView(APIView):
    permission_classes = READ
    renderer_classes = [JSONRenderer, CSVRenderer]

    @extend_schema(
        summary="One report for a period",
        description="Staff (holding reports.view_reports) or a reporting token. "
        'Counts of people under 5 are given as the string "<5", and a share '
        "computed from such a count as null. `from`/`to` are dates (YYYY-MM-DD); "
        "monthly figures cover whole months. `?format=csv` for the CSV file.",
        parameters=[
            OpenApiParameter(
                "name",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=[report.name for report in all_reports()],
            ),
            OpenApiParameter("from", OpenApiTypes.DATE, required=False),
            OpenApiParameter("to", OpenApiTypes.DATE, required=False),
            OpenApiParameter(
                "group",
                OpenApiTypes.STR,
                enum=list(StakeholderGroup.values),
                required=False,
            ),
            OpenApiParameter(
                "country", OpenApiTypes.STR, required=False, description="ISO 3166 code"
            ),
            OpenApiParameter(
                "format", OpenApiTypes.STR, enum=["json", "csv"], required=False
            ),
        ],
        responses={200: _Document, 404: OpenApiResponse(description="No such report")},
    )
    def get(self, request, name: str):
        report = get_report(name)
        if report is None:
            raise exceptions.NotFound()
        # A bad parameter is a ValidationError: 400 naming it (portal.api_errors).
        params = parse_params(request.query_params)
        result = run_report(name, params)
        if request.accepted_renderer.format == "csv":
            response = HttpResponse(
                documents.as_csv(report, params, result),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = (
                f'attachment; filename="nec-report-{name}.csv"'
            )
            return response
        return Response(documents.as_document(report, params, result))
