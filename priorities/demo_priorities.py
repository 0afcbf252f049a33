"""Demo priorities, topics and votes.

Idempotent: topics are looked up by slug and priorities by title; a priority that
exists already is left as it is, and votes are only cast for new ones.
"""

import random

from portal.management.commands.seed_demo import demo_user
from portal.models import Profession, StakeholderGroup, User

from . import merging, services, voting
from .models import Priority, Status, Topic

G = StakeholderGroup

TOPICS = [
    (
        "Prevention",
        "prevention",
        "Stopping NEC before it starts: feeding, milk, probiotics, medicines.",
    ),
    (
        "Diagnosis",
        "diagnosis",
        "Recognising NEC early and telling it apart from other illnesses.",
    ),
    (
        "Treatment",
        "treatment",
        "Medical and surgical care once NEC is suspected or confirmed.",
    ),
    (
        "Long-term outcomes",
        "long-term-outcomes",
        "Growth, development and health in the years after NEC.",
    ),
    (
        "Family support and care",
        "family-support-and-care",
        "Supporting parents and caregivers in the NICU, at home and in bereavement.",
    ),
    (
        "Health services and policy",
        "health-services-and-policy",
        "How NICUs, health systems and policy put best practice in place.",
    ),
]

# Authors are the demo members from seed_demo, by e-mail.
FAMILY = "family@demo.nec.invalid"
CLINICIAN = "clinician@demo.nec.invalid"
NURSE = "nurse@demo.nec.invalid"
RESEARCHER = "researcher@demo.nec.invalid"
OTHER = "other@demo.nec.invalid"
STAFF = "staff@demo.nec.invalid"

# key, topic slug, author, title, description, tags, final status, reason,
# and how likely a voter of each group (family, clinician, researcher, other)
# is to support it.
PRIORITIES = [
    (
        "human-milk",
        "prevention",
        RESEARCHER,
        "Does an exclusive human-milk diet, including a fortifier made from donor "
        "milk, reduce NEC in babies born before 28 weeks?",
        "Many units still fortify breast milk with products made from cow's milk. "
        "We need to know whether an **exclusive human-milk diet** protects the "
        "smallest babies, and whether it is worth its cost.",
        "human milk, donor milk, fortifier",
        Status.SHORTLISTED,
        "Chosen for the next funding round.",
        (0.8, 0.6, 0.7, 0.6),
    ),
    (
        "probiotic-strains",
        "prevention",
        CLINICIAN,
        "Which probiotic strains, at what dose, prevent NEC in extremely preterm "
        "infants without causing infections?",
        "Probiotic products differ widely and units use different ones. Clinicians "
        "need to know which strain and dose to give, and how to make sure the "
        "product is safe and contains what the label says.",
        "probiotics, infection, safety",
        Status.PUBLISHED,
        "",
        (0.5, 0.8, 0.6, 0.3),
    ),
    (
        "probiotics-duplicate",
        "prevention",
        FAMILY,
        "Do probiotics help prevent NEC in premature babies?",
        "Our NICU offered probiotics and we did not know what to decide.",
        "probiotics",
        Status.MERGED,
        "It asks the same question as the priority on probiotic strains and doses.",
        (0.5, 0.2, 0.1, 0.2),
    ),
    (
        "feed-advance",
        "prevention",
        NURSE,
        "How fast can milk feeds be safely increased in very preterm babies without "
        "raising the risk of NEC?",
        "Feeding plans vary from one unit to the next. Faster feeds mean fewer days "
        "with a drip, but many teams fear they raise the risk of NEC.",
        "feeding, guidelines",
        Status.PUBLISHED,
        "",
        (0.3, 0.7, 0.5, 0.2),
    ),
    (
        "antibiotics",
        "prevention",
        RESEARCHER,
        "Does limiting antibiotic use in the first week of life lower the rate of NEC?",
        "Antibiotics are often started 'just in case' after a preterm birth. They "
        "change the gut's bacteria; we do not know how much shorter courses would "
        "help.",
        "antibiotics, microbiome",
        Status.PUBLISHED,
        "",
        (0.3, 0.6, 0.8, 0.3),
    ),
    (
        "biomarker",
        "diagnosis",
        RESEARCHER,
        "Can a blood or stool test detect NEC before symptoms appear?",
        "By the time NEC is visible on an X-ray the bowel may already be damaged. "
        "An early test could let teams act sooner.",
        "biomarkers, early detection",
        Status.PUBLISHED,
        "",
        (0.6, 0.5, 0.9, 0.4),
    ),
    (
        "ultrasound",
        "diagnosis",
        CLINICIAN,
        "Is bowel ultrasound more reliable than X-ray for diagnosing NEC early?",
        "Ultrasound shows blood flow and the bowel wall without radiation, but "
        "needs trained people at the bedside at any hour.",
        "ultrasound, imaging",
        Status.PUBLISHED,
        "",
        (0.2, 0.7, 0.5, 0.1),
    ),
    (
        "parents-notice",
        "diagnosis",
        FAMILY,
        "Which early signs of NEC do parents notice first, and how can NICU teams "
        "act on what parents tell them?",
        "Parents spend hours at the cot side. Several of us felt something was "
        "wrong before anyone else did, and were not always listened to.",
        "parents, early signs, communication",
        Status.PUBLISHED,
        "",
        (0.9, 0.4, 0.3, 0.6),
    ),
    (
        "surgery-timing",
        "treatment",
        CLINICIAN,
        "When should babies with NEC have surgery rather than medical treatment alone?",
        "Surgeons and neonatologists decide case by case. Clearer signs for when "
        "to operate could save bowel and lives.",
        "surgery, decision making",
        Status.PUBLISHED,
        "",
        (0.5, 0.8, 0.5, 0.3),
    ),
    (
        "drain-or-laparotomy",
        "treatment",
        CLINICIAN,
        "Is a peritoneal drain as good as opening the abdomen for the smallest "
        "babies whose bowel has perforated?",
        "Both are used for babies too small or too sick for a long operation.",
        "surgery, perforation",
        Status.ANSWERED,
        "Randomised trials have compared the two; the evidence pages summarise "
        "what they found.",
        (0.2, 0.6, 0.4, 0.1),
    ),
    (
        "antibiotic-duration",
        "treatment",
        RESEARCHER,
        "How long should antibiotics be given once NEC has been diagnosed?",
        "Courses range from a few days to two weeks. Longer courses carry their own "
        "risks.",
        "antibiotics, treatment length",
        Status.PUBLISHED,
        "",
        (0.2, 0.6, 0.6, 0.1),
    ),
    (
        "school-age",
        "long-term-outcomes",
        FAMILY,
        "What support helps children who had NEC with their growth, learning and "
        "development at school age?",
        "Follow-up often stops when our children leave the baby clinic, but "
        "feeding and learning difficulties can show up years later.",
        "development, follow-up, school",
        Status.PUBLISHED,
        "",
        (0.9, 0.3, 0.4, 0.7),
    ),
    (
        "intestinal-failure",
        "long-term-outcomes",
        RESEARCHER,
        "Which care improves life for children with short bowel after surgery for NEC?",
        "Some children need nutrition through a drip for years. We need to know "
        "which programmes help them grow and eat normally.",
        "short bowel, nutrition",
        Status.PUBLISHED,
        "",
        (0.6, 0.4, 0.6, 0.3),
    ),
    (
        "parent-support",
        "family-support-and-care",
        FAMILY,
        "What kind of support do parents need in the days after their baby is "
        "diagnosed with NEC?",
        "We were handed leaflets at the worst moment of our lives. Which kinds of "
        "support actually help parents cope and take part in decisions?",
        "parents, mental health, communication",
        Status.SHORTLISTED,
        "Shortlisted: families ranked it among the most important.",
        (0.95, 0.4, 0.3, 0.6),
    ),
    (
        "bereavement",
        "family-support-and-care",
        OTHER,
        "How can families be supported after losing a baby to NEC?",
        "Bereaved families often go home with nobody to call. Peer support, "
        "follow-up meetings with the care team and memory-making all exist, but "
        "we know little about what helps most.",
        "bereavement, peer support",
        Status.PUBLISHED,
        "",
        (0.8, 0.3, 0.2, 0.8),
    ),
    (
        "explanation-sheet",
        "family-support-and-care",
        FAMILY,
        "Would a plain-language sheet on NEC risk factors, given at admission, help "
        "parents make feeding decisions?",
        "I only learned about NEC and human milk after my son became ill.",
        "parents, information",
        Status.PENDING,
        "",
        (0, 0, 0, 0),
    ),
    (
        "unit-variation",
        "health-services-and-policy",
        RESEARCHER,
        "Why do NEC rates differ between NICUs, and which practices explain the "
        "difference?",
        "Comparing units could show which feeding, antibiotic and hygiene "
        "practices matter most, and help the others catch up.",
        "quality improvement, benchmarking",
        Status.PUBLISHED,
        "",
        (0.5, 0.7, 0.8, 0.5),
    ),
    (
        "milk-banks",
        "health-services-and-policy",
        OTHER,
        "Would a donor milk bank within reach of every NICU reduce NEC across a "
        "region?",
        "Some hospitals cannot get donor milk quickly. We need to know what "
        "regional milk banks change for babies.",
        "donor milk, access",
        Status.PUBLISHED,
        "",
        (0.7, 0.5, 0.4, 0.8),
    ),
    (
        "guideline-barriers",
        "health-services-and-policy",
        NURSE,
        "What stops NICUs from adopting feeding guidelines known to lower NEC risk?",
        "Guidelines exist but practice changes slowly. Understanding why could help "
        "the next guideline land better.",
        "implementation, guidelines",
        Status.PENDING,
        "",
        (0, 0, 0, 0),
    ),
    (
        "public-reporting",
        "health-services-and-policy",
        OTHER,
        "Should hospitals publish their NEC rates?",
        "Parents choosing where to give birth cannot compare units.",
        "transparency",
        Status.DECLINED,
        "This is a policy question rather than a research question; we passed it "
        "to our advocacy team.",
        (0.4, 0.1, 0.1, 0.4),
    ),
]

# Extra demo voters so every group has a realistic number of people.
VOTERS = [
    *((f"parent{n}@demo.nec.invalid", f"Parent {n}", G.FAMILY, "") for n in range(12)),
    *(
        (f"clinician{n}@demo.nec.invalid", f"Clinician {n}", G.CLINICIAN, prof)
        for n, prof in enumerate(
            [
                Profession.NEONATOLOGIST,
                Profession.NURSE,
                Profession.NURSE,
                Profession.DIETITIAN,
                Profession.SURGEON,
                Profession.NURSE,
                Profession.NEONATOLOGIST,
            ]
        )
    ),
    *(
        (f"researcher{n}@demo.nec.invalid", f"Researcher {n}", G.RESEARCHER, "")
        for n in range(5)
    ),
    *(
        (f"advocate{n}@demo.nec.invalid", f"Advocate {n}", G.OTHER, "")
        for n in range(4)
    ),
]

GROUP_INDEX = {G.FAMILY: 0, G.CLINICIAN: 1, G.RESEARCHER: 2, G.OTHER: 3}


def _topics() -> dict[str, Topic]:
    topics = {}
    for position, (name, slug, description) in enumerate(TOPICS):
        topic, _created = Topic.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position},
        )
        topics[slug] = topic
    return topics


def _voters() -> list[User]:
    people = [demo_user(*row) for row in VOTERS]
    people += list(
        User.objects.filter(
            email__in=[FAMILY, CLINICIAN, NURSE, RESEARCHER, OTHER]
        ).order_by("pk")
    )
    return people


def seed() -> None:
    topics = _topics()
    staff = User.objects.filter(email=STAFF).first()
    if staff is None:  # seed_demo creates it first; be safe when run alone
        staff = demo_user(STAFF, "Portal staff", G.OTHER, "", True)
    voters = _voters()
    rng = random.Random(2026)  # noqa: S311  (the same demo every time; not security)
    created: dict[str, Priority] = {}
    merges: list[tuple[Priority, str]] = []
    # Pending ones first: their authors are not yet trusted by approvals.
    ordered = sorted(PRIORITIES, key=lambda row: row[6] != Status.PENDING)
    for (
        key,
        slug,
        author_email,
        title,
        description,
        tags,
        status,
        reason,
        odds,
    ) in ordered:
        if Priority.objects.filter(title=title).exists():
            continue
        author = User.objects.get(email=author_email)
        priority = services.priority_submit(
            author=author,
            title=title,
            description=description,
            topic=topics[slug],
            tags=tags,
        )
        created[key] = priority
        if status == Status.PENDING:
            continue
        if priority.status == Status.PENDING:
            services.priority_transition(
                priority=priority, actor=staff, to_status=Status.PUBLISHED
            )
        for voter in voters:
            if rng.random() < odds[GROUP_INDEX[voter.stakeholder_group]]:
                voting.vote_cast(user=voter, priority=priority)
        if status == Status.MERGED:
            merges.append((priority, reason))
        elif status != Status.PUBLISHED:
            services.priority_transition(
                priority=priority, actor=staff, to_status=status, reason=reason
            )
    for source, reason in merges:
        target = created.get("probiotic-strains") or Priority.objects.get(
            title=PRIORITIES[1][3]
        )
        merging.priority_merge(source=source, target=target, actor=staff, reason=reason)
    if created:
        voting.tallies_recompute(fix=True)
        voting.balanced_scores_recompute()
