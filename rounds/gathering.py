"""Gathering: members' suggestions and staff's survey import.

A member's suggestion is a priority (priorities.services.priority_submit) linked
to the round as a Suggestion. A survey CSV is parsed and checked whole before
anything is stored: one bad row and nothing is imported.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from portal import access
from portal.models import StakeholderGroup
from priorities.services import priority_submit

from .members import member_country, member_group
from .models import Phase, Round, Suggestion, SuggestionSource
from .permissions import CHANGE_PERM

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
MAX_SUGGESTION_CHARS = 2000
# Words a survey may use for each group, besides the group's own value.
GROUP_WORDS = {
    StakeholderGroup.FAMILY: {"family", "parent", "carer", "caregiver", "patient"},
    StakeholderGroup.CLINICIAN: {
        "clinician",
        "doctor",
        "nurse",
        "neonatologist",
        "surgeon",
        "dietitian",
        "health professional",
    },
    StakeholderGroup.RESEARCHER: {"researcher", "research", "scientist"},
    StakeholderGroup.OTHER: {"other", ""},
}
IMPORT_FIELDS = ("text", "group", "country")


def _require_gathering(round_: Round) -> None:
    if round_.phase != Phase.GATHERING:
        raise ValidationError(_("This round is not gathering questions now."))


def suggestion_submit(
    *, round_: Round, author, title: str, description: str, topic
) -> Suggestion:
    """A member's question for an open round: a priority, linked to the round."""
    access.require_participant(author)
    _require_gathering(round_)
    with transaction.atomic():
        priority = priority_submit(
            author=author, title=title, description=description, topic=topic
        )
        return Suggestion.objects.create(
            round=round_,
            priority=priority,
            text=f"{priority.title}\n{priority.description}".strip(),
            source=SuggestionSource.MEMBER,
            group=member_group(round_, author),
            country=member_country(author),
        )


# --- Survey import ----------------------------------------------------------------


@dataclass
class ImportRow:
    line: int
    text: str
    group: str
    country: str


@dataclass
class ImportPlan:
    header: list[str]
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def read_csv(data: bytes | str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and (line number, cells) of each data row."""
    if isinstance(data, bytes):
        if len(data) > MAX_IMPORT_BYTES:
            raise ValidationError({"file": _("The file is larger than 2 MB.")})
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(
                {"file": _("Save the file as UTF-8 text (CSV).")}
            ) from exc
    reader = csv.reader(io.StringIO(data))
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration as exc:
        raise ValidationError({"file": _("The file is empty.")}) from exc
    except csv.Error as exc:
        raise ValidationError({"file": _("This is not a readable CSV file.")}) from exc
    rows = []
    try:
        for cells in reader:
            if len(rows) >= MAX_IMPORT_ROWS:
                raise ValidationError(
                    {"file": _("At most %(n)d rows at once.") % {"n": MAX_IMPORT_ROWS}}
                )
            if any(cell.strip() for cell in cells):
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise ValidationError(
            {"file": _("Line %(line)d is not valid CSV.") % {"line": reader.line_num}}
        ) from exc
    return header, rows


def _group_for(value: str) -> str | None:
    word = value.strip().lower()
    for group, words in GROUP_WORDS.items():
        if word == group or word in words:
            return group
    return None


def plan_import(data: bytes | str, mapping: dict[str, str]) -> ImportPlan:
    """Parse and check every row against the column mapping; store nothing.

    `mapping` names the CSV column for "text" (required), "group" and "country".
    """
    header, rows = read_csv(data)
    text_column = mapping.get("text") or ""
    if text_column not in header:
        raise ValidationError({"text": _("Choose the column that holds the question.")})
    for name in ("group", "country"):
        if mapping.get(name) and mapping[name] not in header:
            raise ValidationError({name: _("There is no such column.")})
    index = {
        name: header.index(mapping[name]) for name in IMPORT_FIELDS if mapping.get(name)
    }
    plan = ImportPlan(header=header)
    for line, cells in rows:
        if len(cells) != len(header):
            plan.errors.append(
                (
                    line,
                    _("%(n)d cells where the header has %(m)d.")
                    % {"n": len(cells), "m": len(header)},
                )
            )
            continue

        def cell(name: str, cells=cells) -> str:
            return cells[index[name]].strip() if name in index else ""

        text = cell("text")
        group = _group_for(cell("group"))
        country = cell("country").upper()
        if not text:
            plan.errors.append((line, _("The question is empty.")))
        elif len(text) > MAX_SUGGESTION_CHARS:
            plan.errors.append(
                (line, _("The question is longer than 2000 characters."))
            )
        elif group is None:
            plan.errors.append(
                (line, _("Unknown stakeholder group “%(v)s”.") % {"v": cell("group")})
            )
        elif country and country not in countries:
            plan.errors.append(
                (line, _("Unknown country code “%(v)s”.") % {"v": cell("country")})
            )
        else:
            plan.rows.append(
                ImportRow(line=line, text=text, group=group, country=country)
            )
    if not rows:
        plan.errors.append((1, _("The file has a header but no rows.")))
    return plan


def survey_import(
    *, round_: Round, actor, data: bytes | str, mapping: dict[str, str]
) -> list[Suggestion]:
    """Import survey answers as suggestions: all rows, or none if any is bad."""
    access.require_staff(actor, CHANGE_PERM)
    _require_gathering(round_)
    plan = plan_import(data, mapping)
    if plan.errors:
        raise ValidationError(
            {
                "file": [
                    _("Line %(line)d: %(msg)s") % {"line": line, "msg": msg}
                    for line, msg in plan.errors
                ]
            }
        )
    now = timezone.now()
    with transaction.atomic():
        return Suggestion.objects.bulk_create(
            [
                Suggestion(
                    round=round_,
                    text=row.text,
                    source=SuggestionSource.SURVEY,
                    group=row.group,
                    country=row.country,
                    import_line=row.line,
                    created_at=now,
                )
                for row in plan.rows
            ]
        )
