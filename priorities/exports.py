"""Open data: priorities with their tallies, as CSV and JSON, without personal data.

The author appears only as the stakeholder group they stated when submitting;
names and e-mail addresses never leave through an export.
"""

import csv
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.http import StreamingHttpResponse

from portal.csvexport import csv_cell

FIELDS = [
    "id",
    "title",
    "topic",
    "tags",
    "status",
    "author_group",
    "submitted_at",
    "published_at",
    "supporters_family",
    "supporters_clinician",
    "supporters_researcher",
    "supporters_other",
    "supporters_total",
    "balanced_score",
    "trending_score",
    "comment_count",
    "stance_favour",
    "stance_neutral",
    "stance_against",
    "merged_into",
    "url",
]


def export_rows(queryset) -> Iterator[dict]:
    """One dict per priority; streams in chunks so a large export stays small."""
    queryset = queryset.select_related("topic").prefetch_related("tags").order_by("pk")
    for p in queryset.iterator(chunk_size=1000):
        yield {
            "id": p.pk,
            "title": p.title,
            "topic": p.topic.name,
            "tags": ", ".join(t.name for t in p.tags.all()),
            "status": p.status,
            "author_group": p.author_group,
            "submitted_at": p.created_at.isoformat(),
            "published_at": p.published_at.isoformat() if p.published_at else None,
            "supporters_family": p.supporters_family,
            "supporters_clinician": p.supporters_clinician,
            "supporters_researcher": p.supporters_researcher,
            "supporters_other": p.supporters_other,
            "supporters_total": p.supporters_total,
            "balanced_score": round(p.balanced_score, 6),
            "trending_score": p.trending_score,
            "comment_count": p.comment_count,
            "stance_favour": p.stance_favour,
            "stance_neutral": p.stance_neutral,
            "stance_against": p.stance_against,
            "merged_into": p.merged_into_id,
            "url": settings.SITE_URL + p.get_absolute_url(),
        }


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[dict]) -> Iterator[str]:
    writer = csv.DictWriter(_Echo(), fieldnames=FIELDS)
    yield "\ufeff"  # lets spreadsheet programs detect UTF-8
    yield writer.writeheader()
    for row in rows:
        yield writer.writerow({k: csv_cell(v) for k, v in row.items()})


def csv_response(rows: Iterable[dict], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
