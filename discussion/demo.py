"""Demo comment threads, flags and follows on the first open priorities.

Idempotent: a comment is looked up by (priority, author, body) before it is
made, a flag by (member, comment); the stored counts are recomputed at the end.
Nothing happens when there are no open priorities yet.
"""

from django.utils import timezone

from portal.management.commands.seed_demo import demo_user
from portal.models import Profession, StakeholderGroup
from priorities.models import OPEN_STATUSES, Priority

from .comments import discussion_counts_recompute
from .models import Comment, Flag, FlagReason, Stance
from .notifications import follow_priority

PEOPLE = {
    "maria": (
        "family@demo.nec.invalid",
        "Maria (NICU parent)",
        StakeholderGroup.FAMILY,
        "",
    ),
    "sam": (
        "clinician@demo.nec.invalid",
        "Dr Sam Okafor",
        StakeholderGroup.CLINICIAN,
        Profession.NEONATOLOGIST,
    ),
    "jo": (
        "nurse@demo.nec.invalid",
        "Jo (NICU nurse)",
        StakeholderGroup.CLINICIAN,
        Profession.NURSE,
    ),
    "lena": (
        "researcher@demo.nec.invalid",
        "Dr Lena Brandt",
        StakeholderGroup.RESEARCHER,
        "",
    ),
    "alex": ("other@demo.nec.invalid", "Alex (advocate)", StakeholderGroup.OTHER, ""),
    "priya": (
        "priya@demo.nec.invalid",
        "Priya (bereaved mother)",
        StakeholderGroup.FAMILY,
        "",
    ),
    "tom": ("tom@demo.nec.invalid", "Tom (dad of twins)", StakeholderGroup.FAMILY, ""),
    "ines": (
        "ines@demo.nec.invalid",
        "Ines (neonatal dietitian)",
        StakeholderGroup.CLINICIAN,
        Profession.DIETITIAN,
    ),
    "spam": ("promo@demo.nec.invalid", "BestFormulaDeals", StakeholderGroup.OTHER, ""),
}

# (author, stance, body, replies); a reply is (author, body, replies).
THREADS = [
    [
        (
            "maria",
            Stance.FAVOUR,
            "Our daughter was born at 26 weeks. Nobody could tell us which feeding "
            "plan was safest, and every unit seemed to do it differently. Please "
            "study this.",
            [
                (
                    "sam",
                    "Thank you for sharing this. Practice really does vary between "
                    "units, which is exactly why a trial would help.",
                    [
                        (
                            "maria",
                            "That is reassuring to hear from a neonatologist. Would "
                            "families be involved in designing it?",
                        ),
                    ],
                ),
            ],
        ),
        (
            "lena",
            Stance.NEUTRAL,
            "Important question, but the outcome measure matters. NEC stage II or "
            "above should be the primary outcome, with death as a competing risk.",
            [("jo", "Agreed, and staff need clear feeding protocols to follow.", [])],
        ),
        (
            "spam",
            "",
            "Buy premium formula at a discount, link in my profile!!!",
            [],
        ),
    ],
    [
        (
            "priya",
            Stance.FAVOUR,
            "We lost our son to NEC. Families need to know what signs to watch for "
            "and when to speak up. Anything that helps nurses spot it sooner matters.",
            [
                (
                    "jo",
                    "I am so sorry for your loss. Early warning tools are something "
                    "many of us nurses want.",
                    [
                        (
                            "ines",
                            "From the nutrition side, feeding tolerance charts could "
                            "feed into such a tool.",
                        ),
                    ],
                ),
            ],
        ),
        (
            "alex",
            Stance.AGAINST,
            "I worry this duplicates work already under way; could we check the "
            "evidence summaries first?",
            [],
        ),
    ],
    [
        (
            "tom",
            Stance.FAVOUR,
            "Our twins were both on donor milk. One developed NEC, the other did "
            "not. We still wonder what made the difference.",
            [],
        ),
        (
            "ines",
            Stance.NEUTRAL,
            "Fortifier type and timing differ a lot between units; a comparison "
            "would be valuable if it reports growth as well as NEC.",
            [],
        ),
    ],
]


def _comment(priority, author, body, *, stance="", parent=None, when=None):
    existing = Comment.objects.filter(
        priority=priority, author=author, body=body
    ).first()
    if existing:
        return existing
    depth = 0 if parent is None else min(parent.depth + 1, Comment.MAX_DEPTH)
    comment = Comment.objects.create(
        priority=priority,
        author=author,
        author_group=author.stakeholder_group,
        parent=parent,
        depth=depth,
        body=body,
        stance=stance,
        created_at=when or timezone.now(),
    )
    follow_priority(user=author, priority=priority)
    return comment


def seed() -> None:
    priorities = list(
        Priority.objects.filter(status__in=OPEN_STATUSES).order_by("pk")[:8]
    )
    if not priorities:
        return
    people = {key: demo_user(*row) for key, row in PEOPLE.items()}
    spam_comment = None
    for index, priority in enumerate(priorities):
        thread = THREADS[index % len(THREADS)]
        for author, stance, body, replies in thread:
            if author == "spam" and index > 0:
                continue
            top = _comment(priority, people[author], body, stance=stance)
            if author == "spam":
                spam_comment = spam_comment or top
            for reply_author, reply_body, deeper in replies:
                reply = _comment(priority, people[reply_author], reply_body, parent=top)
                for deep_author, deep_body in deeper:
                    _comment(priority, people[deep_author], deep_body, parent=reply)
        discussion_counts_recompute(priority=priority)
    if spam_comment is not None:
        # One open report, below the hiding threshold: it waits in the queue.
        _flag, created = Flag.objects.get_or_create(
            user=people["maria"],
            comment=spam_comment,
            defaults={"reason": FlagReason.SPAM, "text": "Advertising."},
        )
        if created:
            Comment.objects.filter(pk=spam_comment.pk).update(
                flag_count=spam_comment.flags.filter(resolved_at__isnull=True).count()
            )
