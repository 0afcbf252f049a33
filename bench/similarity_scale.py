"""Benchmark: the similar-priorities engine at 20,000 public priorities.

Fills a scratch database with N public priorities written by recombining the
subjects of the labelled paraphrase set (tests/priorities/data/paraphrases.json)
with question frames, populations and outcomes, in the words of families,
nurses and researchers (bulk inserts), plus the set's own questions; builds the
stored index; then prints, over repeated rounds:

- p50 / p95 of `similarity.similar()` (what the typing hint and the submit
  check call), of the hint view `/priorities/similar/` and of the API
  `/api/v1/priorities/similar/` (through the test client), and the hint's
  query count;
- the same with the engine before the stored index (an in-memory TF-IDF index
  of every public priority built per query), and whether both give the very
  same results and scores for every query;
- `clusters()` on 1,000 of the priorities, and the same by scoring every pair;
- the cost of a write (publishing one priority, which updates the index) and of
  the first query after it (each process reads the document frequencies again);
- recall@1 / recall@5 / false matches of the labelled set at this scale.

It refuses a database that already holds priorities (use a scratch one):

    export DATABASE_URL=sqlite:////tmp/nec_sim_scale.sqlite3 DEBUG=1
    python manage.py migrate && python manage.py createcachetable
    python bench/similarity_scale.py --priorities 20000
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/<scratch db> DEBUG=1
    python manage.py migrate && python manage.py createcachetable
    python bench/similarity_scale.py --priorities 20000

With --keep the rows stay (a later run with --reuse only measures); without it,
they are deleted at the end.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
# The bench asks far faster than a person types.
os.environ.setdefault("PRIORITY_SIMILAR_RATE", "1000000/m")
os.environ.setdefault("API_ANON_RATE", "1000000/min")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from portal.models import StakeholderGroup, User  # noqa: E402
from priorities import services, similarity  # noqa: E402
from priorities.duplicates import DUPLICATE_THRESHOLD  # noqa: E402
from priorities.models import Priority, Status, Topic  # noqa: E402
from tests.priorities import labelled_set  # noqa: E402

SLUG = "bench-similarity-scale"

INTERVENTIONS = [
    "probiotics",
    "a probiotic with Bifidobacterium",
    "donor milk",
    "banked milk from other mothers",
    "a human milk fortifier",
    "bovine lactoferrin",
    "delayed cord clamping",
    "skin-to-skin care",
    "kangaroo care",
    "ranitidine",
    "acid suppression",
    "a red cell transfusion",
    "stopping feeds during a transfusion",
    "early trophic feeding",
    "faster advances of milk feeds",
    "a standardised feeding protocol",
    "fresh rather than frozen breast milk",
    "hydrolysed formula",
    "caffeine for apnoea",
    "ibuprofen for a PDA",
    "early antibiotics after birth",
    "oral colostrum",
    "glutamine supplements",
    "erythropoietin",
    "abdominal ultrasound",
    "near-infrared spectroscopy of the gut",
    "faecal calprotectin",
    "a machine learning alert on monitoring data",
    "hand hygiene training",
    "single-room care",
    "a peritoneal drain",
    "a laparotomy",
    "a stoma",
    "parent-led feeding rounds",
    "a nurse-led feeding team",
    "vitamin A supplements",
    "zinc supplements",
    "breastfeeding support for mothers",
    "pasteurised donor milk",
    "cup feeding",
]
OUTCOMES = [
    "NEC",
    "necrotising enterocolitis",
    "death or NEC",
    "bowel perforation",
    "feeding intolerance",
    "late-onset sepsis",
    "short bowel syndrome",
    "time to full feeds",
    "growth at discharge",
    "neurodevelopment at two years",
    "the need for surgery",
    "the length of stay",
    "parents' anxiety",
    "strictures after NEC",
    "anaemia",
]
POPULATIONS = [
    "extremely preterm infants",
    "babies born before 28 weeks",
    "premature babies",
    "very low birth weight infants",
    "tiny babies on the unit",
    "growth-restricted babies",
    "twins",
    "babies with congenital heart disease",
    "preemies fed formula",
    "newborns after abdominal surgery",
]
FRAMES = [
    "Does {i} reduce {o} in {p}?",
    "Do {p} who get {i} have less {o}?",
    "What is the effect of {i} on {o} among {p}?",
    "Should {p} be given {i} to prevent {o}?",
    "How does {i} change the risk of {o} for {p}?",
    "Is {i} safe for {p}, and does it affect {o}?",
    "Would {i} protect {p} from {o}?",
    "Compared with usual care, does {i} lower {o} in {p}?",
    "Could {i} make {o} worse in {p}?",
    "Which {p} benefit most from {i} to avoid {o}?",
    "When should {i} start in {p} to reduce {o}?",
    "Is {i} linked with {o} in {p}?",
]
QUALIFIERS = [
    "",
    "",
    "",
    " in low-income settings",
    " at which dose",
    " in the first week",
    " across neonatal units",
    " compared with standard care",
]


def subject_for(rng: random.Random) -> tuple[str, str, str]:
    return rng.choice(INTERVENTIONS), rng.choice(OUTCOMES), rng.choice(POPULATIONS)


def title_for(rng: random.Random, subject: tuple[str, str, str] | None = None) -> str:
    i, o, p = subject or subject_for(rng)
    text = rng.choice(FRAMES).format(i=i, o=o, p=p)
    qualifier = rng.choice(QUALIFIERS)
    text = text[:-1] + qualifier + "?" if qualifier else text
    return text[0].upper() + text[1:]


CONTEXT = [
    "Units differ in how they use {i}, and the trials were small.",
    "Families ask about {i} on the ward and get different answers.",
    "Guidelines disagree about {i} for {p}.",
    "{O} matters a great deal to parents and clinicians.",
    "Nurses see {o} often and want to know what helps.",
    "A large trial of {i} with {o} as its main outcome is needed.",
    "Observational studies suggest a link with {o}, but they may be biased.",
    "Practice varies between hospitals and countries.",
    "It may cost little, but it is not free of risks.",
    "The long-term effects on {p} are not known.",
    "Parents would like to be involved in this decision.",
    "Researchers disagree about how to measure {o}.",
]


def description_for(
    rng: random.Random, descriptions: list[str], subject: tuple[str, str, str]
) -> str:
    """One to three sentences about the question's own subject; now and then
    one of the labelled set's descriptions, as real ones reuse phrases."""
    i, o, p = subject
    parts = [
        c.format(i=i, o=o, O=o[0].upper() + o[1:], p=p)
        for c in rng.sample(CONTEXT, rng.choice((1, 2, 3)))
    ]
    if rng.random() < 0.1:
        parts.append(rng.choice(descriptions))
    return " ".join(parts)


def build(n: int, rng: random.Random) -> tuple[list[Priority], dict]:
    data = labelled_set.load()
    topic = Topic.objects.create(name="Bench similarity scale", slug=SLUG)
    author = User.objects.create_user(
        email="bench-similarity-scale@example.org",
        password=None,
        stakeholder_group=StakeholderGroup.RESEARCHER,
    )
    own = labelled_set.create_priorities(data, topic=topic, author=author)
    descriptions = [p["existing"]["description"] for p in data["pairs"]]
    # And a few pending and declined ones, which the hint must not show.
    statuses = [Status.PUBLISHED] * (n - len(own))
    statuses += [Status.PENDING, Status.DECLINED] * (n // 100)
    rows = []
    for status in statuses:
        subject = subject_for(rng)
        rows.append(
            Priority(
                title=title_for(rng, subject),
                description=description_for(rng, descriptions, subject),
                topic=topic,
                author=author,
                author_group=author.stakeholder_group,
                status=status,
            )
        )
    started = time.perf_counter()
    Priority.objects.bulk_create(rows, batch_size=2000)
    elapsed = time.perf_counter() - started
    print(f"inserted {len(rows) + len(own)} priorities in {elapsed:.1f} s")
    started = time.perf_counter()
    documents = similarity.index_rebuild()
    if connection.vendor == "postgresql":
        # What autovacuum would do soon: statistics, and the visibility map
        # that lets the candidates be read from the index alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE priorities_similarityposting")
    elapsed = time.perf_counter() - started
    print(f"index rebuild    {documents} documents in {elapsed:.1f} s")
    return own, data


def queries(data: dict, rng: random.Random, extra: int = 60) -> list[str]:
    """The labelled paraphrases and unrelated questions, and new questions."""
    return [
        *(p["paraphrase"] for p in data["pairs"]),
        *data["unrelated"],
        *(title_for(rng) for _ in range(extra)),
    ]


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {p50 * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   (n={len(ordered)})"


def timed(function, *args) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def engine_before(text: str, limit: int = 5) -> list[tuple[int, float]]:
    """The engine as it was: every public priority vectorised per query."""
    vocabulary = similarity.Vocabulary.load()
    rows = Priority.objects.public().values_list("pk", "title", "description")
    index = similarity.Index(rows, vocabulary)
    return brute(index, text, limit)


def brute(index, text: str, limit: int = 5) -> list[tuple[int, float]]:
    text = similarity.clean_query(text)
    if len(text) < similarity.MIN_QUERY_CHARS:
        return []
    wanted = index.query(text)
    if not wanted:
        return []
    scored = [
        (score, pk)
        for pk, vector in index.vectors.items()
        if (score := similarity.cosine(wanted, vector)) >= similarity.DISPLAY_THRESHOLD
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(pk, round(score, 4)) for score, pk in scored[:limit]]


def all_pairs(items, threshold):
    """pair_scores as it was: every pair scored."""
    index = similarity.Index(
        ((p.pk, p.title, p.description) for p in items), similarity.Vocabulary.load()
    )
    pairs = []
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            score = similarity.cosine(index.vectors[a.pk], index.vectors[b.pk])
            if score >= threshold:
                pairs.append((round(score, 4), a, b))
    pairs.sort(key=lambda item: (-item[0], item[1].pk, item[2].pk))
    return pairs


def measure(texts: list[str], rounds: int) -> None:
    client = Client()
    print(f"\n-- queries: {len(texts)} texts x {rounds} rounds --")
    similarity.similar(texts[0])  # this process reads the figures once
    engine, hint, api = [], [], []
    for _ in range(rounds):
        for text in texts:
            engine.append(timed(similarity.similar, text)[0])
            hint.append(
                timed(client.get, "/priorities/similar/", {"title": text[:200]})[0]
            )
            api.append(timed(client.get, "/api/v1/priorities/similar/", {"q": text})[0])
    print(f"similar()        {percentiles(engine)}")
    print(f"hint view        {percentiles(hint)}")
    print(f"API endpoint     {percentiles(api)}")
    with CaptureQueriesContext(connection) as hint_queries:
        response = client.get("/priorities/similar/", {"title": texts[0]})
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as engine_queries:
        similarity.similar(texts[0])
    print(
        f"queries          similar() {len(engine_queries)}, "
        f"hint view {len(hint_queries)}"
    )


def compare_with_before(texts: list[str], before_samples: int) -> None:
    print("\n-- the engine before (index built per query) --")
    samples = [timed(engine_before, text)[0] for text in texts[:before_samples]]
    if samples:
        print(f"similar() before {percentiles(samples)}")
    rows = Priority.objects.public().values_list("pk", "title", "description")
    index = similarity.Index(rows, similarity.Vocabulary.load())
    same = 0
    for text in texts:
        now = [(p.pk, score) for p, score in similarity.similar(text)]
        if now == brute(index, text):
            same += 1
        else:
            print(
                f"  differs: {text!r}\n    now {now}\n    before {brute(index, text)}"
            )
    print(f"same results     {same} of {len(texts)} queries")


def measure_clusters(rng: random.Random, size: int, rounds: int) -> None:
    print(f"\n-- clusters() on {size} priorities --")
    pool = list(Priority.objects.public().values_list("pk", flat=True))
    items = list(Priority.objects.filter(pk__in=rng.sample(pool, size)).order_by("pk"))
    samples = []
    for _ in range(rounds):
        elapsed, groups = timed(
            lambda: similarity.clusters(items, threshold=DUPLICATE_THRESHOLD)
        )
        samples.append(elapsed)
    print(f"clusters()       {percentiles(samples)}   {len(groups)} groups")
    elapsed, pairs = timed(all_pairs, items, DUPLICATE_THRESHOLD)
    now = similarity.pair_scores(items, threshold=DUPLICATE_THRESHOLD)
    same = now == pairs
    vectors = similarity.Index(
        ((p.pk, p.title, p.description) for p in items), similarity.Vocabulary.load()
    )
    frequency = vectors.frequency
    looked = similarity.candidate_pairs(
        [vectors.vectors[p.pk] for p in items], frequency, DUPLICATE_THRESHOLD
    )
    every = len(items) * (len(items) - 1) // 2
    print(f"pairs scored     {len(looked)} of {every}; {len(pairs)} reach the bar")
    print(f"every pair       {elapsed * 1000:7.1f} ms (before), same pairs: {same}")


def measure_write(rng: random.Random) -> None:
    print("\n-- a write and the first query after it --")
    staff = User.objects.create_user(
        email="bench-similarity-staff@example.org",
        password=None,
        is_staff=True,
        is_superuser=True,
        stakeholder_group=StakeholderGroup.RESEARCHER,
    )
    pending = list(Priority.objects.filter(status=Status.PENDING)[:10])
    writes, firsts = [], []
    for priority in pending:
        elapsed, _change = timed(
            lambda p=priority: services.priority_transition(
                priority=p, actor=staff, to_status=Status.PUBLISHED
            )
        )
        writes.append(elapsed)
        firsts.append(timed(similarity.similar, title_for(rng))[0])
    print(f"publish (write)  {percentiles(writes)}")
    print(f"first query      {percentiles(firsts)}")
    User.objects.filter(pk=staff.pk).delete()


def measure_recall(data: dict, own: list[Priority]) -> None:
    figures = labelled_set.measure(data, own)
    print(f"\n-- the labelled set among {Priority.objects.public().count()} --")
    print(f"recall@1         {figures.recall_at_1:.3f}")
    print(f"recall@5         {figures.recall_at_5:.3f}")
    print(f"false-match rate {figures.false_match_rate:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--priorities", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", type=int, default=5, help="queries timed before")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    setup_test_environment()
    rng = random.Random(11)
    if args.reuse:
        topic = Topic.objects.get(slug=SLUG)
        data = labelled_set.load()
        titles = [p["existing"]["title"] for p in data["pairs"]]
        found = {
            p.title: p for p in Priority.objects.filter(topic=topic, title__in=titles)
        }
        own = [found[t] for t in titles]
    elif Priority.objects.exists():
        sys.exit("This database holds priorities: use a scratch one (or --reuse).")
    else:
        own, data = build(args.priorities, rng)
    print(f"database         {connection.vendor}")
    print(f"public           {Priority.objects.public().count()} priorities")
    texts = queries(data, rng)
    try:
        measure(texts, args.rounds)
        compare_with_before(texts, args.before)
        measure_clusters(rng, 1000, args.rounds)
        measure_recall(data, own)
        measure_write(rng)
    finally:
        if not args.keep:
            Priority.objects.filter(topic__slug=SLUG).delete()
            Topic.objects.filter(slug=SLUG).delete()
            User.objects.filter(email__startswith="bench-similarity").delete()
            similarity.index_rebuild()


if __name__ == "__main__":
    main()
