"""Candidate duplicates among published and pending priorities, for staff.

The similarity engine scores the pairs that share a concept able to lift them
to the threshold (`similarity.pair_scores`, the same pairs as scoring every
one); pairs staff marked "not a duplicate" (`DuplicateDismissal`) are left out;
linked pairs form groups, the group with the best pair first.
"""

from dataclasses import dataclass
from itertools import combinations

from django.db import transaction

from portal import access
from portal.models import User

from . import similarity
from .models import DuplicateDismissal, Priority, Status
from .services import CHANGE_PERM

# The statuses among which duplicates are looked for.
CANDIDATE_STATUSES = (Status.PENDING, Status.PUBLISHED, Status.SHORTLISTED)
# A pair is proposed from this score up; a little above the typing hint's.
DUPLICATE_THRESHOLD = 0.2


@dataclass
class DuplicateGroup:
    score: float
    priorities: list[Priority]

    @property
    def merges(self) -> list[tuple[Priority, list[Priority]]]:
        """Each member with the others it may be merged into (published or
        shortlisted ones), where there is any."""
        targets = [p for p in self.priorities if p.is_open]
        rows = [(p, [t for t in targets if t.pk != p.pk]) for p in self.priorities]
        return [(p, ts) for p, ts in rows if ts]


def duplicate_groups(
    *, threshold: float = DUPLICATE_THRESHOLD, limit: int = 50
) -> list[DuplicateGroup]:
    items = list(
        Priority.objects.filter(status__in=CANDIDATE_STATUSES)
        .select_related("topic")
        .order_by("pk")
    )
    skip = set(DuplicateDismissal.objects.values_list("first_id", "second_id"))
    pairs = similarity.pair_scores(items, threshold=threshold, skip=skip)
    best: dict[int, float] = {}
    for score, a, b in pairs:
        best.setdefault(a.pk, score)
        best.setdefault(b.pk, score)
    groups = [
        DuplicateGroup(score=max(best[p.pk] for p in group), priorities=group)
        for group in similarity.group_pairs(items, pairs)
    ]
    return groups[:limit]


def duplicate_dismiss(*, priorities: list[Priority], actor: User) -> int:
    """Remember that these priorities are not duplicates of each other."""
    access.require_staff(actor, CHANGE_PERM)
    pks = sorted({p.pk for p in priorities})
    with transaction.atomic():
        created = DuplicateDismissal.objects.bulk_create(
            [
                DuplicateDismissal(first_id=a, second_id=b, dismissed_by=actor)
                for a, b in combinations(pks, 2)
            ],
            ignore_conflicts=True,
        )
    return len(created)
