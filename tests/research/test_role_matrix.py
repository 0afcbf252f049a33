"""Every role and every evidence action: the exact answer (docs/access.md)."""

import pytest

from tests.roles import LOGIN, Action, answers, check, matrix

from .factories import RecommendationFactory

# The staff pages read drafts: staff with research.view_evidencesummary.
STAFF_PAGE = answers(403, signed_out=LOGIN, moderator=200, staff=200)

TABLE = [
    # Public pages: published versions only; a draft is not there for anyone.
    Action("index", "GET", "/evidence/", answers(200)),
    Action("factor", "GET", "/evidence/probiotic-drops/", answers(200)),
    Action("families", "GET", "/evidence/probiotic-drops/families/", answers(200)),
    Action("draft factor", "GET", "/evidence/secret-draft/", answers(404)),
    Action("recommendations", "GET", "/evidence/recommendations/", answers(200)),
    Action(
        "recommendation print",
        "GET",
        "/evidence/recommendations/{recommendation.slug}/print/",
        answers(200),
    ),
    # Staff pages.
    Action("staff dashboard", "GET", "/evidence/staff/", STAFF_PAGE),
    Action("draft changes", "GET", "/evidence/staff/secret-draft/changes/", STAFF_PAGE),
    Action(
        "version diff",
        "GET",
        "/evidence/staff/probiotic-drops/versions/1/",
        STAFF_PAGE,
    ),
    # API: read-only and published only.
    Action("api factors", "GET", "/api/v1/evidence/factors/", answers(200)),
    Action(
        "api factor", "GET", "/api/v1/evidence/factors/probiotic-drops/", answers(200)
    ),
    Action("api draft", "GET", "/api/v1/evidence/factors/secret-draft/", answers(404)),
    Action("api summaries", "GET", "/api/v1/evidence/summaries/", answers(200)),
    Action("api findings", "GET", "/api/v1/evidence/findings/", answers(200)),
    Action("api citations", "GET", "/api/v1/evidence/citations/", answers(200)),
    Action(
        "api recommendations", "GET", "/api/v1/evidence/recommendations/", answers(200)
    ),
    Action(
        "api write",
        "POST",
        "/api/v1/evidence/summaries/",
        answers(405),
        data={"clinician_summary": "x"},
    ),
]


@pytest.fixture
def world(published, draft, reviewer):
    from research import services

    recommendation = RecommendationFactory(slug="use-drops")
    recommendation.supporting_findings.set(published.findings.all())
    services.recommendation_publish(by=reviewer, recommendation=recommendation)
    return {"recommendation": recommendation}


@pytest.mark.parametrize("action, role", matrix(TABLE))
def test_role_matrix(roles, world, action, role):
    check(roles, action, role, world)
