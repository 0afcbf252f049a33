"""The same figures through the page, the CSV and JSON downloads and the API;
bad parameters; query counts; nothing personal leaves."""

import csv
import io

import pytest

from reports import summaries
from reports.registry import all_reports
from tests.roles import Roles

QUERY = "from=2026-01-01&to=2026-03-31"


@pytest.fixture
def staff_client(client, reporter):
    client.force_login(reporter)
    return client


@pytest.fixture
def token_client(db):
    return Roles().client("token")


def csv_tables(text: str) -> dict[str, list[list[str]]]:
    """{table key: [header, *rows]} from a report CSV."""
    blocks, current = {}, None
    for row in list(csv.reader(io.StringIO(text)))[1:]:
        if not row:
            current = None
        elif current is None:
            current = row[0]
            blocks[current] = []
        else:
            blocks[current].append(row)
    return blocks


def as_text(value) -> str:
    return "" if value is None else str(value)


@pytest.mark.parametrize("precomputed", [False, True])
def test_every_path_gives_the_same_figures(
    world, staff_client, token_client, precomputed
):
    if precomputed:
        summaries.summaries_refresh()
    page = staff_client.get(f"/reports/?{QUERY}").content.decode()
    for report in all_reports():
        api = token_client.get(f"/api/v1/reports/{report.name}/?{QUERY}").json()
        download = staff_client.get(f"/reports/{report.name}.json?{QUERY}").json()
        assert api["tables"] == download["tables"]
        assert api["source"] == (
            "summary" if precomputed and report.precomputed else "live"
        )
        assert api["period"] == {"from": "2026-01-01", "to": "2026-03-31"}
        api_csv = token_client.get(
            f"/api/v1/reports/{report.name}/?{QUERY}&format=csv"
        ).content.decode()
        page_csv = staff_client.get(
            f"/reports/{report.name}.csv?{QUERY}"
        ).content.decode()
        assert csv_tables(api_csv) == csv_tables(page_csv)
        blocks = csv_tables(page_csv)
        for table in api["tables"]:
            rows = [
                [as_text(row[c["key"]]) for c in table["columns"]]
                for row in table["rows"]
            ]
            assert blocks[table["key"]][1:] == rows
            for row in table["rows"]:
                cells = "".join(
                    f"<td>{'—' if row[c['key']] is None else row[c['key']]}</td>"
                    for c in table["columns"]
                )
                assert cells.replace("<5", "&lt;5") in page, (report.name, row)


def test_known_figures_reach_the_api(world, token_client):
    body = token_client.get(f"/api/v1/reports/participation/?{QUERY}").json()
    by_month = next(t for t in body["tables"] if t["key"] == "by_month")
    assert [r["active_members"] for r in by_month["rows"]] == [6, 6, 13]
    assert by_month["rows"][2]["new_members"] == "<5"


def test_the_page_says_how_fresh_the_figures_are(world, staff_client):
    page = staff_client.get(f"/reports/?{QUERY}").content.decode()
    assert "No nightly summary exists yet" in page
    assert "no nightly summary exists yet." in page
    summaries.summaries_refresh()
    page = staff_client.get(f"/reports/?{QUERY}").content.decode()
    assert "From the nightly summary of" in page
    assert "<svg" in page and "aria-hidden" in page


def test_no_email_address_or_member_name_leaves(world, staff_client, token_client):
    outputs = [staff_client.get(f"/reports/?{QUERY}").content.decode()]
    for report in all_reports():
        outputs.append(
            token_client.get(f"/api/v1/reports/{report.name}/?{QUERY}").content.decode()
        )
        outputs.append(
            staff_client.get(f"/reports/{report.name}.csv?{QUERY}").content.decode()
        )
    for text in outputs:
        assert "@example.org" not in text
        assert "Secret" not in text  # display names and contact senders
        assert "Dr Partner" not in text


BAD = [
    ({"from": "2026-13-01"}, "from"),
    ({"from": "yesterday"}, "from"),
    ({"to": "2026-02-30"}, "to"),
    ({"from": "1999-12-31"}, "from"),
    ({"to": "99999-01-01"}, "to"),
    ({"from": "2026-03-01", "to": "2026-01-01"}, "to"),
    ({"group": "parents"}, "group"),
    ({"country": "XX"}, "country"),
]


@pytest.mark.parametrize("params, field", BAD)
def test_a_bad_parameter_is_a_400_naming_it_on_the_api(db, token_client, params, field):
    response = token_client.get("/api/v1/reports/participation/", params)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    response = token_client.get(
        "/api/v1/reports/participation/", {**params, "format": "csv"}
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.parametrize("params, field", BAD)
def test_a_bad_parameter_is_a_field_error_on_the_page(db, staff_client, params, field):
    response = staff_client.get("/reports/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html
    assert "Members and participation" not in html  # no figures for a bad period
    download = staff_client.get("/reports/partners.json", params)
    assert download.status_code == 400
    assert field in download.json()["errors"]


@pytest.mark.parametrize("precomputed", [False, True])
def test_query_counts_do_not_grow_with_the_data(
    world, staff_client, token_client, django_assert_max_num_queries, precomputed
):
    if precomputed:
        summaries.summaries_refresh()
    # Measured: 32 live, 29 from the summary (session, user and permissions
    # included; the rounds report reads four tables); the counts do not depend
    # on how many rows there are.
    with django_assert_max_num_queries(33):
        assert staff_client.get(f"/reports/?{QUERY}").status_code == 200
    for report in all_reports():
        with django_assert_max_num_queries(7):
            response = token_client.get(f"/api/v1/reports/{report.name}/?{QUERY}")
            assert response.status_code == 200
