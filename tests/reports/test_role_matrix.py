"""Every role and every reports action: the exact answer (docs/access.md).

Members and anonymous callers get nothing; the Moderators group does not hold
reports.view_reports; a reporting token reads the API and may write nothing.
"""

import pytest

from tests.roles import LOGIN, Action, answers, check, matrix

PAGE = answers(403, signed_out=LOGIN, staff=200)
API_READ = answers(403, anonymous=401, staff=200, token=200)
# Staff: the endpoint takes no writes (405); everyone else is refused first.
API_WRITE = answers(403, anonymous=401, staff=405)
PERIOD = "from=2026-01-01&to=2026-03-31"

TABLE = [
    Action("page", "GET", f"/reports/?{PERIOD}", PAGE),
    Action("page default period", "GET", "/reports/", PAGE),
    Action("page post", "POST", "/reports/", answers(403, signed_out=LOGIN, staff=405)),
    Action("csv", "GET", f"/reports/participation.csv?{PERIOD}", PAGE),
    Action("json", "GET", f"/reports/priority-support.json?{PERIOD}", PAGE),
    Action(
        "csv unknown",
        "GET",
        "/reports/nope.csv",
        answers(403, signed_out=LOGIN, staff=404),
    ),
    Action("api list", "GET", "/api/v1/reports/", API_READ),
    Action("api report", "GET", f"/api/v1/reports/participation/?{PERIOD}", API_READ),
    Action(
        "api csv", "GET", f"/api/v1/reports/partners/?{PERIOD}&format=csv", API_READ
    ),
    Action(
        "api unknown",
        "GET",
        "/api/v1/reports/nope/",
        answers(403, anonymous=401, staff=404, token=404),
    ),
    Action("api post", "POST", "/api/v1/reports/participation/", API_WRITE),
    Action("api put", "PUT", "/api/v1/reports/participation/", API_WRITE),
    Action("api patch", "PATCH", "/api/v1/reports/participation/", API_WRITE),
    Action("api delete", "DELETE", "/api/v1/reports/participation/", API_WRITE),
    Action("api list post", "POST", "/api/v1/reports/", API_WRITE),
]


@pytest.fixture
def world(db):
    return {}


@pytest.mark.parametrize("action, role", matrix(TABLE))
def test_role_matrix(roles, world, action, role):
    check(roles, action, role, world)


def test_staff_with_only_the_reports_right_reads_the_page(client, reporter):
    client.force_login(reporter)
    assert client.get("/reports/").status_code == 200
    assert 'href="/reports/"' in client.get("/reports/").content.decode()


def test_the_header_links_to_reports_only_for_holders(client, roles):
    client.force_login(roles.user("moderator"))
    assert 'href="/reports/"' not in client.get("/").content.decode()
    client.force_login(roles.user("staff"))
    assert 'href="/reports/"' in client.get("/").content.decode()
