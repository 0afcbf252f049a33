"""A small hand-built data set whose report figures are worked out by hand.

Period under test: the first quarter of 2026 (PERIOD). See docs/reports.md for
the definitions the expected figures follow.
"""

import datetime

from django.utils import timezone

from discussion.models import Comment
from partners.models import PartnerStatus
from portal.models import ContactMessage, StakeholderGroup, User, WebinarSubscriber
from priorities.models import Priority, Status, StatusChange, Topic, Vote
from research.models import Factor, SummaryVersion
from tests.partners.factories import (
    InstitutionFactory,
    PartnerFactory,
    ResearchAreaFactory,
)
from tests.research.factories import SummaryFactory

PERIOD = {"from": "2026-01-01", "to": "2026-03-31"}
FAMILY, CLINICIAN, RESEARCHER = (
    StakeholderGroup.FAMILY,
    StakeholderGroup.CLINICIAN,
    StakeholderGroup.RESEARCHER,
)


def at(year, month, day, hour=12) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)


def member(name: str, group: str, joined: datetime.datetime, **fields) -> User:
    return User.objects.create_user(
        email=f"{name.lower()}@example.org",
        display_name=f"Secret {name}",
        stakeholder_group=group,
        date_joined=joined,
        email_verified=True,
        **fields,
    )


def vote(user: User, priority: Priority, when: datetime.datetime) -> Vote:
    return Vote.objects.create(
        user=user, priority=priority, group=user.stakeholder_group, created_at=when
    )


def build_world() -> dict:
    """Members, priorities, supports, partners, evidence, subscribers, messages."""
    staff = member("Staffer", StakeholderGroup.OTHER, at(2025, 1, 1), is_staff=True)
    families = [member(f"Fam{i}", FAMILY, at(2026, 1, 10)) for i in range(1, 7)]
    clinicians = [member(f"Clin{i}", CLINICIAN, at(2026, 2, 5)) for i in range(1, 7)]
    r1 = member("Res1", RESEARCHER, at(2025, 12, 1))
    r2 = member("Res2", RESEARCHER, at(2025, 12, 1))
    others = [member(f"Res{i}", RESEARCHER, at(2025, 11, 1)) for i in range(3, 8)]

    topic = Topic.objects.create(name="Feeding", slug="feeding")
    p1, p2, p3 = (
        Priority.objects.create(
            title=title,
            description="Why it matters.",
            topic=topic,
            author=r1,
            author_group=RESEARCHER,
            status=Status.PUBLISHED,
            created_at=at(2025, 12, 15),
            published_at=at(2025, 12, 15),
        )
        for title in (
            "Donor milk question",
            "Feeding tube question",
            "Probiotic question",
        )
    )
    for family in families:
        vote(family, p1, at(2026, 1, 20))
        vote(family, p3, at(2026, 3, 10))
    vote(families[0], p2, at(2026, 1, 21))
    for clinician in clinicians:
        vote(clinician, p2, at(2026, 2, 10))
        vote(clinician, p3, at(2026, 3, 11))
    vote(clinicians[0], p1, at(2026, 2, 11))
    vote(r1, p3, at(2026, 3, 12))
    # A comment by a member already active that month changes nothing.
    Comment.objects.create(
        priority=p3,
        author=families[0],
        author_group=FAMILY,
        body="Yes.",
        created_at=at(2026, 3, 10),
    )

    # Proposals in the period (by staff, who are not counted as members):
    # waits of 10, 30 and 50 hours, and one still waiting.
    def proposal(title, created, decided_after, to_status):
        priority = Priority.objects.create(
            title=title,
            description="x",
            topic=topic,
            author=staff,
            author_group=FAMILY,
            status=to_status or Status.PENDING,
            created_at=created,
        )
        StatusChange.objects.create(
            priority=priority,
            from_status="",
            to_status=Status.PENDING,
            created_at=created,
        )
        if to_status:
            StatusChange.objects.create(
                priority=priority,
                from_status=Status.PENDING,
                to_status=to_status,
                created_at=created + datetime.timedelta(hours=decided_after),
            )
        return priority

    proposal("Declined one", at(2026, 2, 1, 8), 10, Status.DECLINED)
    proposal("Withdrawn one", at(2026, 2, 2, 8), 30, Status.WITHDRAWN)
    proposal("Declined two", at(2026, 2, 3, 8), 50, Status.DECLINED)
    proposal("Still waiting", at(2026, 3, 1, 8), 0, None)

    nutrition = ResearchAreaFactory(name="Nutrition", slug="nutrition")
    university = InstitutionFactory(type="university", country="GB")
    hospital = InstitutionFactory(type="hospital", country="GB")
    PartnerFactory(
        user=r1, institution=university, created_at=at(2025, 12, 2), areas=[nutrition]
    )
    for researcher in others:
        PartnerFactory(
            user=researcher,
            institution=hospital,
            created_at=at(2026, 1, 15),
            areas=[nutrition],
        )
    PartnerFactory(
        user=r2,
        country="FR",
        institution=InstitutionFactory(country="FR"),
        status=PartnerStatus.PENDING,
        verified_at=None,
        submitted_at=at(2026, 3, 20, 0),
        created_at=at(2026, 3, 20, 0),
    )

    today = timezone.localdate()
    due = {
        "Overdue factor": today - datetime.timedelta(days=1),
        "Soon factor": today + datetime.timedelta(days=60),
        "Current factor": today + datetime.timedelta(days=61),
    }
    for number, (name, next_due) in enumerate(due.items()):
        summary = SummaryFactory(
            factor__name=name, factor__slug=f"f-{number}", next_review_due=next_due
        )
        version = SummaryVersion.objects.create(
            summary=summary,
            number=1,
            factor_name=name,
            direction=summary.factor.direction,
            clinician_summary="c",
            plain_summary="p",
            change_note=f"Changed {name}",
            published_at=at(2026, 2, 1 + number) if number < 2 else at(2025, 6, 1),
            last_reviewed=today,
            next_review_due=next_due,
        )
        Factor.objects.filter(pk=summary.factor_id).update(current_version=version)
    SummaryFactory(
        factor__name="Draft factor", factor__slug="draft", next_review_due=today
    )

    for i in range(7):  # seven sign up in January, six confirm, two leave in March
        WebinarSubscriber.objects.create(
            email=f"sub{i}@example.org",
            created_at=at(2026, 1, 5),
            confirmed_at=at(2026, 1, 6) if i < 6 else None,
            unsubscribed_at=at(2026, 3, 1) if i < 2 else None,
        )
    for i in range(6):
        ContactMessage.objects.create(
            name=f"Secret Sender {i}",
            email=f"sender{i}@example.org",
            topic=ContactMessage.Topic.FAMILY,
            message="Hello",
            created_at=at(2026, 2, 1),
            handled=i < 5,
            # Handled after 2, 4, 6, 8 and 10 hours.
            handled_at=at(2026, 2, 1) + datetime.timedelta(hours=2 * i + 2)
            if i < 5
            else None,
        )
    return {"p1": p1, "p2": p2, "p3": p3, "staff": staff, "families": families}
