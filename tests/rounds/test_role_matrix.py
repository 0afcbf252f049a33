"""Who may do what in a round, for every role (tests/roles.py)."""

import pytest

from rounds.models import Phase, QuestionStatus, RankingMode, ScorerAssignment
from tests.roles import LOGIN, Action, answers, check, matrix

from .factories import QuestionFactory, RoundFactory, ranking_round

STAFF_PAGE = answers(403, signed_out=LOGIN, staff=200)
# The moderator and staff personas belong to the group "other", which these
# rounds leave out of the ranking: they are refused like any non-taking part.
RANKER_PAGE = answers(200, signed_out=LOGIN, unverified=403, moderator=403, staff=403)

TABLE = [
    Action("round list", "GET", "/rounds/", answers(200)),
    Action("published round", "GET", "/rounds/{done.slug}/", answers(200)),
    Action("draft round", "GET", "/rounds/{draft.slug}/", answers(404, staff=200)),
    Action("method statement", "GET", "/rounds/{done.slug}/method/", answers(200)),
    Action(
        "method while hidden",
        "GET",
        "/rounds/{ranking.slug}/method/",
        answers(404, staff=200),
    ),
    Action(
        "suggest page",
        "GET",
        "/rounds/{gathering.slug}/suggest/",
        answers(200, signed_out=LOGIN, unverified=403),
    ),
    Action(
        "suggest outside gathering",
        "GET",
        "/rounds/{ranking.slug}/suggest/",
        answers(403, signed_out=LOGIN),
    ),
    Action("ballot page", "GET", "/rounds/{ranking.slug}/ballot/", RANKER_PAGE),
    Action(
        "ballot save",
        "POST",
        "/rounds/{ranking.slug}/ballot/",
        answers(302, signed_out=LOGIN, unverified=403, moderator=403, staff=403),
        data=lambda w: {"rank_1": str(w["q"].pk)},
    ),
    Action(
        "ballot outside ranking",
        "GET",
        "/rounds/{gathering.slug}/ballot/",
        answers(403, signed_out=LOGIN),
    ),
    Action("pairwise page", "GET", "/rounds/{pairwise.slug}/compare/", RANKER_PAGE),
    Action(
        "scoring page",
        "GET",
        "/rounds/{done.slug}/score/",
        answers(403, signed_out=LOGIN, researcher=200),
    ),
    Action("manage", "GET", "/rounds/{ranking.slug}/manage/", STAFF_PAGE),
    Action(
        "change phase",
        "POST",
        "/rounds/{gathering.slug}/manage/",
        answers(403, signed_out=LOGIN, staff=302),
        data={"to_phase": Phase.VERIFYING},
    ),
    Action("import", "GET", "/rounds/{gathering.slug}/manage/import/", STAFF_PAGE),
    Action("verify", "GET", "/rounds/{verifying.slug}/manage/verify/", STAFF_PAGE),
    Action(
        "decide a question",
        "POST",
        "/rounds/{verifying.slug}/manage/questions/{candidate.pk}/",
        answers(403, signed_out=LOGIN, staff=302),
        data={"status": QuestionStatus.SHORTLISTED},
    ),
    Action(
        "exclusions", "GET", "/rounds/{ranking.slug}/manage/exclusions/", STAFF_PAGE
    ),
    Action("workshop", "GET", "/rounds/{done.slug}/manage/workshop/", STAFF_PAGE),
    Action("workshop pack", "GET", "/rounds/{done.slug}/manage/pack/", STAFF_PAGE),
    Action("csv export", "GET", "/rounds/{done.slug}/export/ballots.csv", STAFF_PAGE),
    Action("api list", "GET", "/api/v1/rounds/", answers(200)),
    Action(
        "api shortlist", "GET", "/api/v1/rounds/{ranking.slug}/shortlist/", answers(200)
    ),
    Action(
        "api shortlist too early",
        "GET",
        "/api/v1/rounds/{gathering.slug}/shortlist/",
        answers(404, staff=200),
    ),
    Action(
        "api own ballot",
        "GET",
        "/api/v1/rounds/{ranking.slug}/ballot/",
        answers(200, anonymous=401, token=403),
    ),
    Action(
        "api ballot write",
        "PUT",
        "/api/v1/rounds/{ranking.slug}/ballot/",
        answers(
            200, anonymous=401, token=403, unverified=403, moderator=400, staff=400
        ),
        data=lambda w: {"choices": [w["q"].pk]},
    ),
    Action(
        "api hidden results",
        "GET",
        "/api/v1/rounds/{ranking.slug}/results/",
        answers(404, staff=200),
    ),
    Action("api results", "GET", "/api/v1/rounds/{done.slug}/results/", answers(200)),
    Action(
        "api export",
        "GET",
        "/api/v1/rounds/{done.slug}/export/?dataset=ballots",
        answers(403, anonymous=401, token=200, staff=200),
    ),
]


@pytest.fixture
def world(roles):
    ranking, (q, *_rest) = ranking_round(3)
    pairwise, _qs = ranking_round(3, ranking_mode=RankingMode.PAIRWISE)
    verifying = RoundFactory(phase=Phase.VERIFYING)
    done, done_qs = ranking_round(3, phase=Phase.PUBLISHED)
    ScorerAssignment.objects.create(
        round=done, scorer=roles.user("researcher"), question=done_qs[0]
    )
    return {
        "ranking": ranking,
        "q": q,
        "pairwise": pairwise,
        "gathering": RoundFactory(phase=Phase.GATHERING),
        "verifying": verifying,
        "candidate": QuestionFactory(round=verifying, status=QuestionStatus.CANDIDATE),
        "done": done,
        "draft": RoundFactory(phase=Phase.DRAFT),
    }


@pytest.mark.parametrize("action, role", matrix(TABLE))
def test_role_matrix(roles, world, action, role):
    check(roles, action, role, world)
