"""What other apps may read of the rounds (the reports app uses it).

`participation_by_phase` counts the people who took part in each round's
phases within a period, by stakeholder group: who suggested (portal members,
each counted once, plus each imported survey answer), who ranked (a ballot or
at least one pairwise vote) and who scored as an expert (at least one answer).
No names or addresses; the caller suppresses small counts.
"""

import datetime
from collections import defaultdict

from django.db.models import Q

from .models import Ballot, PairwiseVote, Round, Score, Suggestion, SuggestionSource
from .reports import group_label

GATHERING, RANKING, SCORING = "gathering", "ranking", "scoring"


def participation_by_phase(
    *,
    begin: datetime.datetime,
    end: datetime.datetime,
    group: str = "",
    country: str = "",
) -> list[dict]:
    """Rows of {round, phase, group, group_label, people}, one per round, phase
    and group with anyone in it, rounds newest first, phases in their order."""
    people: dict[tuple, set] = defaultdict(set)

    def where(prefix: str = "") -> Q:
        q = Q(**{f"{prefix}created_at__gte": begin, f"{prefix}created_at__lt": end})
        if group:
            q &= Q(**{f"{prefix}group": group})
        if country:
            q &= Q(**{f"{prefix}country": country})
        return q

    for round_id, source, member, pk, grp in Suggestion.objects.filter(
        where()
    ).values_list("round", "source", "priority__author", "pk", "group"):
        # An imported survey answer has no member: each answer is one respondent.
        who = member if source == SuggestionSource.MEMBER and member else f"s{pk}"
        people[(round_id, GATHERING, grp)].add(who)
    for model in (Ballot, PairwiseVote):
        for round_id, member, grp in model.objects.filter(where()).values_list(
            "round", "member", "group"
        ):
            people[(round_id, RANKING, grp)].add(member)
    scores = Score.objects.filter(updated_at__gte=begin, updated_at__lt=end)
    if group:
        scores = scores.filter(assignment__scorer__stakeholder_group=group)
    if country:
        scores = scores.filter(assignment__scorer__partner_profile__country=country)
    scorers = scores.values_list(
        "assignment__round",
        "assignment__scorer",
        "assignment__scorer__stakeholder_group",
    )
    for round_id, scorer, grp in scorers:
        people[(round_id, SCORING, grp)].add(scorer)

    rounds = Round.objects.filter(pk__in={key[0] for key in people}).order_by(
        "-created_at", "-pk"
    )
    order = {GATHERING: 0, RANKING: 1, SCORING: 2}
    rows = []
    for round_ in rounds:
        keys = sorted(
            (key for key in people if key[0] == round_.pk),
            key=lambda key: (order[key[1]], key[2]),
        )
        for _round_id, phase, grp in keys:
            rows.append(
                {
                    "round": round_.name,
                    "phase": phase,
                    "group": grp,
                    "group_label": group_label(grp),
                    "people": len(people[(round_.pk, phase, grp)]),
                }
            )
    return rows
