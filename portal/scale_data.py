"""Data at national scale for benchmarks: `manage.py seed_demo --scale large`.

large: 200,000 members, 20,000 priorities, 1,000,000 votes, 200,000 comments in
threads and 5,000 partner profiles; small is 1/100 of each. Popularity is skewed
as it is in real life (a Zipf-like law): a few priorities get tens of thousands
of supports and thousands of comments, most get a handful.

Rows get their ids here and are written with COPY on PostgreSQL (bulk_create
elsewhere); the stored tallies are computed from the same rows before they are
written, so `manage.py recompute_tallies` finds no drift. Run it on a scratch
database: it adds rows, it never deletes any.
"""

import itertools
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models.expressions import DatabaseDefault
from django.utils import timezone

from portal.models import StakeholderGroup, User

SCALES = {
    "large": {
        "members": 200_000,
        "priorities": 20_000,
        "votes": 1_000_000,
        "comments": 200_000,
        "partners": 5_000,
    },
}
SCALES["small"] = {k: v // 100 for k, v in SCALES["large"].items()}

GROUPS = list(StakeholderGroup.values)
GROUP_WEIGHTS = [5, 2, 2, 1]
WORDS = [
    "donor",
    "milk",
    "fortifier",
    "probiotic",
    "feeding",
    "antibiotics",
    "ultrasound",
    "biomarker",
    "surgery",
    "drain",
    "bowel",
    "perforation",
    "growth",
    "development",
    "parents",
    "lactoferrin",
    "microbiome",
    "preterm",
    "transfusion",
    "cohort",
    "registry",
    "outcome",
    "prevention",
]
EMAIL_DOMAIN = "scale.nec.invalid"


def _zipf_weights(n: int, exponent: float) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(n)))


def _next_id(model) -> int:
    return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1


def _batched(items: Iterable, size: int):
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _write(model, objects: Iterable, *, own_ids: bool = True, batch: int = 10_000):
    """Insert model instances: COPY on PostgreSQL, bulk_create elsewhere.

    With own_ids the instances carry their ids; otherwise the database numbers
    them.
    """
    if connection.vendor != "postgresql":
        n = 0
        for chunk in _batched(objects, batch):
            model.objects.bulk_create(chunk, batch_size=batch)
            n += len(chunk)
        return n
    fields = [f for f in model._meta.concrete_fields if own_ids or not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    n = 0
    sql = f"COPY {table} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for obj in objects:
            # pre_save fills auto_now fields, as a save would.
            copy.write_row([_copy_value(f, obj) for f in fields])
            n += 1
    return n


def _copy_value(field, obj):
    """A field's value as COPY writes it: a field left to its database default
    (db_default) gets that default, since COPY cannot say DEFAULT per row."""
    value = field.pre_save(obj, True)
    if isinstance(value, DatabaseDefault):
        value = getattr(field.db_default, "value", field.db_default)
    return field.get_db_prep_save(value, connection)


def _reset_sequences(*model_list) -> None:
    sql = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    if sql:
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)


def seed_scale(scale: str, *, seed: int = 16, log: Callable[[str], None] = print):
    """Add the rows of one scale; returns the counts written."""
    from discussion.models import Comment
    from partners.models import Institution, Partner, PartnerStatus, ResearchArea
    from partners.services import partner_refresh_search
    from priorities.models import Priority, Status, Topic, Vote
    from priorities.voting import balanced_scores_recompute, recount_voter_counts

    sizes = SCALES[scale]
    rng = random.Random(seed)  # noqa: S311 - repeatable data, not secrets
    now = timezone.now()
    started = time.perf_counter()

    def step(message: str) -> None:
        log(f"{time.perf_counter() - started:6.1f}s  {message}")

    with transaction.atomic():
        # --- members
        first_user = _next_id(User)
        n_users = sizes["members"]
        user_groups = rng.choices(GROUPS, weights=GROUP_WEIGHTS, k=n_users)
        joined = now - timedelta(days=400)
        _write(
            User,
            (
                User(
                    pk=first_user + i,
                    email=f"m{first_user + i}@{EMAIL_DOMAIN}",
                    display_name=f"Member {first_user + i}",
                    stakeholder_group=user_groups[i],
                    email_verified=True,
                    password="!",  # unusable: nobody signs in as a scale member
                    date_joined=joined + timedelta(seconds=i * 60),
                )
                for i in range(n_users)
            ),
        )
        step(f"{n_users} members")

        # --- votes, drawn first so the priorities are written with their tallies
        n_priorities = sizes["priorities"]
        first_priority = _next_id(Priority)
        statuses = rng.choices(
            [Status.PUBLISHED, Status.SHORTLISTED, Status.ANSWERED, Status.PENDING],
            weights=[85, 5, 5, 5],
            k=n_priorities,
        )
        # Only open priorities collect supports (published, shortlisted).
        open_ids = [
            i
            for i, s in enumerate(statuses)
            if s in (Status.PUBLISHED, Status.SHORTLISTED)
        ]
        cumulative = _zipf_weights(len(open_ids), 1.0)
        votes: set[tuple[int, int]] = set()
        while len(votes) < sizes["votes"]:
            for slot in rng.choices(
                range(len(open_ids)), cum_weights=cumulative, k=50_000
            ):
                votes.add((open_ids[slot], rng.randrange(n_users)))
                if len(votes) >= sizes["votes"]:
                    break
        tallies: Counter = Counter()
        trending: Counter = Counter()
        vote_rows = []
        cutoff = now - timedelta(days=14)
        for p_index, u_index in votes:
            group = user_groups[u_index]
            created = now - timedelta(seconds=rng.randrange(120 * 86400))
            tallies[(p_index, group)] += 1
            tallies[(p_index, "total")] += 1
            if created >= cutoff:
                trending[p_index] += 1
            vote_rows.append((p_index, u_index, group, created))
        step(f"{len(vote_rows)} votes drawn")

        # --- comments: threads on the same skew; a third are replies
        comment_rows = []
        comment_counts: Counter = Counter()
        first_comment = _next_id(Comment)
        threads: dict[int, list[tuple[int, int]]] = {}
        cumulative = _zipf_weights(len(open_ids), 1.0)
        picks = rng.choices(
            range(len(open_ids)), cum_weights=cumulative, k=sizes["comments"]
        )
        for n, slot in enumerate(picks):
            p_index = open_ids[slot]
            comment_id = first_comment + n
            roots = threads.setdefault(p_index, [])
            parent, depth, stance = (
                None,
                0,
                rng.choice(["favour", "neutral", "against", ""]),
            )
            if roots and rng.random() < 0.35:
                parent_id, parent_depth = rng.choice(roots[-50:])
                parent, depth, stance = parent_id, min(parent_depth + 1, 1), ""
            else:
                roots.append((comment_id, 0))
            comment_rows.append((comment_id, p_index, parent, depth, stance))
            comment_counts[(p_index, "all")] += 1
            if stance:
                comment_counts[(p_index, stance)] += 1
        step(f"{len(comment_rows)} comments drawn")

        # --- priorities, with the tallies of the rows above
        topics = list(Topic.objects.all()) or [
            Topic.objects.create(name="Prevention", slug="prevention")
        ]

        def priority(i: int) -> Priority:
            author = rng.randrange(n_users)
            words = " ".join(rng.sample(WORDS, 4))
            created = now - timedelta(minutes=3 * i + 1)
            return Priority(
                pk=first_priority + i,
                title=f"Does {words} change NEC outcomes (question {i})?",
                description=f"A question about **{words}** and NEC.\n\n" * 2,
                topic=topics[i % len(topics)],
                author_id=first_user + author,
                author_group=user_groups[author],
                status=statuses[i],
                created_at=created,
                published_at=created if statuses[i] != Status.PENDING else None,
                last_activity_at=created,
                **{f"supporters_{g}": tallies[(i, g)] for g in GROUPS},
                supporters_total=tallies[(i, "total")],
                trending_score=trending[i],
                comment_count=comment_counts[(i, "all")],
                stance_favour=comment_counts[(i, "favour")],
                stance_neutral=comment_counts[(i, "neutral")],
                stance_against=comment_counts[(i, "against")],
            )

        _write(Priority, (priority(i) for i in range(n_priorities)))
        step(f"{n_priorities} priorities")
        _write(
            Vote,
            (
                Vote(
                    priority_id=first_priority + p,
                    user_id=first_user + u,
                    group=g,
                    created_at=c,
                )
                for p, u, g, c in vote_rows
            ),
            own_ids=False,
        )
        del vote_rows, votes
        step("votes written")
        _write(
            Comment,
            (
                Comment(
                    pk=cid,
                    priority_id=first_priority + p,
                    author_id=first_user + (author := rng.randrange(n_users)),
                    author_group=user_groups[author],
                    parent_id=parent,
                    depth=depth,
                    body=f"Comment {cid} on {' and '.join(rng.sample(WORDS, 2))}?",
                    stance=stance,
                    created_at=now
                    - timedelta(
                        seconds=(len(comment_rows) - (cid - first_comment)) * 30
                    ),
                )
                for cid, p, parent, depth, stance in comment_rows
            ),
        )
        step("comments written")

        # --- partners: researchers with institutions and areas
        n_partners = sizes["partners"]
        institutions = Institution.objects.bulk_create(
            [
                Institution(
                    name=f"Scale University {i}", country="GB", type="university"
                )
                for i in range(max(10, n_partners // 20))
            ]
        )
        areas = list(ResearchArea.objects.all())
        first_partner = _next_id(Partner)
        researchers = [i for i, g in enumerate(user_groups) if g == "researcher"]
        chosen = rng.sample(researchers, min(n_partners, len(researchers)))
        _write(
            Partner,
            (
                Partner(
                    pk=first_partner + n,
                    user_id=first_user + u,
                    display_name=f"Dr Scale {first_user + u}",
                    institution=rng.choice(institutions),
                    country="GB",
                    city="Leeds",
                    bio=f"Works on {' and '.join(rng.sample(WORDS, 3))}.",
                    keywords=", ".join(rng.sample(WORDS, 3)),
                    status=PartnerStatus.VERIFIED if n % 10 else PartnerStatus.PENDING,
                    submitted_at=now,
                    verified_at=now if n % 10 else None,
                )
                for n, u in enumerate(chosen)
            ),
        )
        if areas:
            through = Partner.research_areas.through
            through.objects.bulk_create(
                [
                    through(
                        partner_id=first_partner + n,
                        researcharea_id=rng.choice(areas).pk,
                    )
                    for n in range(len(chosen))
                ]
            )
        step(f"{len(chosen)} partners")
        _reset_sequences(User, Priority, Comment, Partner)
        recount_voter_counts()
    balanced_scores_recompute()
    partner_refresh_search(
        partner_ids=range(first_partner, first_partner + len(chosen))
    )
    step("scores and search vectors")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    step("done")
    return sizes
