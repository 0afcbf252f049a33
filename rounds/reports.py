"""What the round's pages show: journeys, participation, CHNRI tables, charts,
the method statement. Reads only."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _
from django_countries import countries

from portal.models import StakeholderGroup

from . import scoring
from .models import (
    Answer,
    Ballot,
    PairwiseVote,
    Question,
    RankingMode,
    Result,
    Round,
    Score,
    Suggestion,
    WorkshopResult,
)

ANSWER_VALUE = {
    Answer.YES: scoring.YES,
    Answer.UNDECIDED: scoring.UNDECIDED,
    Answer.NO: scoring.NO,
    Answer.UNINFORMED: None,
}


@dataclass
class Journey:
    question: Question
    suggestions: int
    group_ranks: dict
    combined_rank: int | None
    workshop_position: int | None
    rps: float | None = None
    aea: float | None = None

    @property
    def labelled_ranks(self) -> list[tuple[str, int | None]]:
        return [(group_label(g), r) for g, r in self.group_ranks.items()]


def group_label(group: str) -> str:
    return str(dict(StakeholderGroup.choices).get(group, group))


def journeys(round_: Round) -> list[Journey]:
    """Every shortlisted question with its path: suggestions, ranks, workshop."""
    questions = list(
        Question.objects.shortlist()
        .filter(round=round_)
        .annotate(n_sources=Count("sources"))
        .select_related("evidence_factor")
    )
    ranks: dict[int, dict] = defaultdict(dict)
    combined: dict[int, int] = {}
    for r in Result.objects.filter(round=round_):
        if r.group:
            ranks[r.question_id][r.group] = r.rank
        else:
            combined[r.question_id] = r.rank
    workshop = dict(
        WorkshopResult.objects.filter(round=round_).values_list("question", "position")
    )
    chnri = chnri_table(round_)
    rows = [
        Journey(
            question=q,
            suggestions=q.n_sources,
            group_ranks={g: ranks[q.pk].get(g) for g in round_.groups},
            combined_rank=combined.get(q.pk),
            workshop_position=workshop.get(q.pk),
            rps=chnri.get(q.pk, {}).get("rps"),
            aea=chnri.get(q.pk, {}).get("aea"),
        )
        for q in questions
    ]
    rows.sort(
        key=lambda j: (
            j.workshop_position or 10**6,
            j.combined_rank or 10**6,
            j.question.pk,
        )
    )
    return rows


SORTS = {
    "rank": lambda j: (j.combined_rank or 10**6, j.question.pk),
    "rps": lambda j: (-(j.rps if j.rps is not None else -1), j.question.pk),
    "aea": lambda j: (-(j.aea if j.aea is not None else -1), j.question.pk),
}


def sort_journeys(rows: list[Journey], key: str) -> list[Journey]:
    """The shortlist table's order: workshop (default), rank, RPS or AEA."""
    return sorted(rows, key=SORTS[key]) if key in SORTS else rows


def participation(round_: Round) -> dict:
    """Counts by stakeholder group and by country, no names."""
    if round_.ranking_mode == RankingMode.PAIRWISE:
        rankers = (
            PairwiseVote.objects.filter(round=round_)
            .values("member")
            .distinct()
            .values_list("member", "group", "country")
        )
        people = {m: (g, c) for m, g, c in rankers}
        ranked = list(people.values())
    else:
        ranked = list(
            Ballot.objects.filter(round=round_).values_list("group", "country")
        )
    suggested = list(
        Suggestion.objects.filter(round=round_).values_list("group", "country")
    )
    by_group = []
    for group in StakeholderGroup.values:
        s = sum(1 for g, _c in suggested if g == group)
        r = sum(1 for g, _c in ranked if g == group)
        if s or r:
            by_group.append(
                {
                    "group": group,
                    "label": group_label(group),
                    "suggested": s,
                    "ranked": r,
                }
            )
    country_counts = Counter(c or "" for _g, c in suggested + ranked)
    by_country = [
        {
            "code": code,
            "name": str(dict(countries).get(code, _("Not stated")))
            if code
            else _("Not stated"),
            "count": n,
        }
        for code, n in sorted(country_counts.items(), key=lambda i: (-i[1], i[0]))
    ]
    return {
        "by_group": by_group,
        "by_country": by_country,
        "suggestions": len(suggested),
        "rankers": len(ranked),
        "excluded": round_.exclusions.count(),
    }


def chnri_table(round_: Round) -> dict[int, dict]:
    """Per question: each criterion's score, the RPS (weighted when weights
    differ) and the AEA."""
    criteria = list(round_.criteria.all())
    if not criteria:
        return {}
    weights = {c.pk: c.weight for c in criteria}
    equal = len(set(weights.values())) <= 1
    answers: dict[int, dict[int, dict[int, list]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    rows = Score.objects.filter(assignment__round=round_).values_list(
        "assignment__question", "sub_question__criterion", "sub_question", "answer"
    )
    for question, criterion, sub, answer in rows:
        answers[question][criterion][sub].append(ANSWER_VALUE[answer])
    table = {}
    for question, by_criterion in answers.items():
        scores = {
            c.pk: scoring.criterion_score(
                [a for subs in by_criterion.get(c.pk, {}).values() for a in subs]
            )
            for c in criteria
        }
        all_subs = {s: a for subs in by_criterion.values() for s, a in subs.items()}
        table[question] = {
            "criteria": scores,
            "rps": scoring.research_priority_score(scores, None if equal else weights),
            "aea": scoring.average_expert_agreement(all_subs),
        }
    return table


def side_by_side_chart(round_: Round, limit: int = 15) -> dict:
    """The per-group ranks of the top questions, as SVG geometry and a table."""
    top = list(
        Result.objects.filter(round=round_, group="")
        .order_by("rank")
        .values_list("question", flat=True)[:limit]
    )
    texts = dict(Question.objects.filter(pk__in=top).values_list("pk", "text"))
    ranks = defaultdict(dict)
    for r in Result.objects.filter(round=round_, question__in=top).exclude(group=""):
        ranks[r.question_id][r.group] = r.rank
    groups = [g for g in round_.groups if any(g in ranks[q] for q in top)]
    worst = max([v for q in top for v in ranks[q].values()] or [1])
    column = 120
    height = 24 * max(len(top), 1) + 40
    lines = []
    for q in top:
        points = []
        for i, g in enumerate(groups):
            rank = ranks[q].get(g)
            if rank is not None:
                y = 30 + (rank - 1) / max(worst - 1, 1) * (height - 50)
                points.append({"x": 60 + i * column, "y": round(y, 1), "rank": rank})
        lines.append(
            {
                "question": q,
                "text": texts.get(q, ""),
                "points": points,
                "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
                "ranks": [ranks[q].get(g) for g in groups],
            }
        )
    return {
        "groups": [
            {"value": g, "label": group_label(g), "x": 60 + i * column}
            for i, g in enumerate(groups)
        ],
        "lines": lines,
        "width": 120 + column * max(len(groups) - 1, 1),
        "height": height,
    }


def participation_over_time(round_: Round) -> dict:
    """Ballots first cast per day and group: a table, and bars for the SVG."""
    counts = Counter(
        (created.date(), group)
        for created, group in Ballot.objects.filter(round=round_).values_list(
            "created_at", "group"
        )
    )
    days = sorted({d for d, _g in counts})
    rows = [
        {"day": d, "by_group": [counts.get((d, g), 0) for g in round_.groups]}
        for d in days
    ]
    tallest = max([n for row in rows for n in row["by_group"]] or [1])
    bar, gap, height = 10, 8, 100
    bars = []
    x = 0
    for row in rows:
        for i, n in enumerate(row["by_group"]):
            h = round(n / tallest * height, 1)
            bars.append(
                {"x": x, "y": height - h, "h": h, "group": round_.groups[i], "n": n}
            )
            x += bar
        x += gap
    return {"rows": rows, "bars": bars, "width": max(x, 1), "height": height}


def method_statement(round_: Round) -> list[str]:
    """Paragraphs saying what was done, from the round's settings and numbers."""
    numbers = participation(round_)
    shortlist = Question.objects.shortlist().filter(round=round_).count()
    merged = Question.objects.filter(round=round_).count()
    out_of_scope = Question.objects.filter(round=round_, status="out_of_scope").count()
    answered = Question.objects.filter(round=round_, status="answered").count()
    groups = ", ".join(label for _v, label in round_.group_labels())
    paragraphs = [
        _(
            "%(n)d suggestions were gathered (%(survey)d from a survey). Staff "
            "grouped them into %(q)d indicative questions, set aside %(oos)d as out "
            "of scope and %(ans)d as already answered by an up-to-date systematic "
            "review, leaving a shortlist of %(short)d true uncertainties."
        )
        % {
            "n": numbers["suggestions"],
            "survey": Suggestion.objects.filter(round=round_, source="survey").count(),
            "q": merged,
            "oos": out_of_scope,
            "ans": answered,
            "short": shortlist,
        },
    ]
    if round_.ranking_mode == RankingMode.PAIRWISE:
        paragraphs.append(
            _(
                "In the interim ranking participants compared pairs of questions. "
                "For each stakeholder group a Bradley-Terry model estimated each "
                "question's chance of being preferred to a randomly chosen other "
                "question."
            )
        )
    else:
        paragraphs.append(
            _(
                "In the interim ranking each participant chose and ordered "
                "%(min)d to %(max)d questions. A first choice earned 10 points, a "
                "second 9, down to 1 point for a tenth."
            )
            % {"min": round_.min_choices, "max": round_.max_choices}
        )
    per_group = "; ".join(
        f"{row['label']}: {row['ranked']}" for row in numbers["by_group"]
    )
    paragraphs.append(
        _(
            "Groups taking part: %(groups)s. People who ranked, by group: "
            "%(per_group)s. %(excluded)d ballots were excluded by staff, each with a "
            "recorded reason."
        )
        % {
            "groups": groups,
            "per_group": per_group or "0",
            "excluded": numbers["excluded"],
        }
    )
    paragraphs.append(
        _(
            "Questions were ranked within each group, and the combined ranking is "
            "the sum of a question's positions across the groups, so each group "
            "weighs the same whatever its size. Ties within a group share the mean "
            "of their positions; equal sums are broken by the better best position "
            "in any one group, then by how many participants chose the question, "
            "then by the order the questions were written. The top %(n)d went "
            "forward."
        )
        % {"n": round_.carry_forward}
    )
    if round_.uses_expert_scoring:
        paragraphs.append(
            _(
                "Invited experts scored the questions going forward against the "
                "CHNRI criteria (yes 1, undecided 0.5, no 0; 'not sufficiently "
                "informed' left out). A criterion's score is points divided by "
                "answers times 100; the Research Priority Score is their mean (or "
                "weighted mean); the Average Expert Agreement is the mean share "
                "giving each sub-question's most common answer."
            )
        )
    if round_.hide_running_results:
        paragraphs.append(_("Running results were hidden while the ranking was open."))
    return paragraphs
