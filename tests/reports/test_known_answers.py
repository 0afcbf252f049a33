"""Every report on the hand-built data set (tests/reports/factories.py), by hand."""

import pytest

from reports import summaries
from reports.params import parse_params
from reports.queries.priorities import rank_percentiles
from reports.registry import all_reports, run_report

from .factories import PERIOD

S = "<5"


def tables(name, **extra):
    result = run_report(name, parse_params({**PERIOD, **extra}))
    return {table.key: table.rows for table in result.tables}


def column(rows, key, label_key):
    return {row[label_key]: row[key] for row in rows}


def test_participation_month_by_month(world):
    t = tables("participation")
    assert t["by_month"] == [
        # January: six families join and support; nobody was active before.
        {
            "month": "2026-01",
            "new_members": 6,
            "active_members": 6,
            "returning_members": S,
        },
        # February: six clinicians join and support.
        {
            "month": "2026-02",
            "new_members": 6,
            "active_members": 6,
            "returning_members": S,
        },
        # March: families, clinicians and one researcher (who proposed in
        # December) support again: all thirteen return. Nobody joins: "<5".
        {
            "month": "2026-03",
            "new_members": S,
            "active_members": 13,
            "returning_members": 13,
        },
    ]
    assert column(t["members_by_group"], "members", "group") == {
        "Family (parent or caregiver)": 6,
        "Clinician": 6,
        "Researcher": 7,
        "Other": S,  # the staff member is not counted
    }
    assert t["new_by_country"] == [{"country": "Not recorded", "new_members": 12}]


def test_participation_filters(world):
    family = tables("participation", group="family")
    assert [row["active_members"] for row in family["by_month"]] == [6, S, 6]
    assert [row["group"] for row in family["members_by_group"]] == [
        "Family (parent or caregiver)"
    ]
    britain = tables("participation", country="GB")
    assert [row["active_members"] for row in britain["by_month"]] == [S, S, S]


def test_top_priorities_and_per_group(world):
    t = tables("priority-support")
    assert [(r["title"], r["balanced_score"], r["supporters"]) for r in t["top"]] == [
        ("Probiotic question", 100.0, 13),
        # (100 + 16.7 + 0) / 3 for both; the tie goes to the older priority.
        ("Donor milk question", 38.9, 7),
        ("Feeding tube question", 38.9, 7),
    ]
    families = [r for r in t["top_by_group"] if r["group"].startswith("Family")]
    assert [(r["title"], r["supporters"], r["share"]) for r in families] == [
        ("Donor milk question", 6, 100.0),
        ("Probiotic question", 6, 100.0),
        # One supporter: the count is suppressed and so is the share it gives.
        ("Feeding tube question", S, None),
    ]


def test_disagreement_both_directions(world):
    t = tables("priority-support")
    # Families: donor milk and probiotics tie on top (75), feeding tube last (0);
    # clinicians: feeding tube and probiotics on top, donor milk last.
    assert [
        (r["title"], r["family_percentile"], r["clinician_percentile"], r["gap"])
        for r in t["families_higher"]
    ] == [("Donor milk question", 75.0, 0.0, 75.0)]
    assert [
        (r["title"], r["family_percentile"], r["clinician_percentile"], r["gap"])
        for r in t["clinicians_higher"]
    ] == [("Feeding tube question", 0.0, 75.0, -75.0)]


def test_broadest_support_is_the_lowest_group_share(world):
    t = tables("priority-support")
    assert [
        (r["title"], r["lowest_share"], r["lowest_group"]) for r in t["broadest"]
    ] == [
        ("Probiotic question", 100.0, "Clinician"),
        ("Donor milk question", 0.0, "Researcher"),
        ("Feeding tube question", 0.0, "Researcher"),
    ]


def test_rank_percentiles():
    assert rank_percentiles({1: 5, 2: 5, 3: 1}) == {1: 75.0, 2: 75.0, 3: 0.0}
    assert rank_percentiles({1: 3, 2: 2, 3: 1}) == {1: 100.0, 2: 50.0, 3: 0.0}
    assert rank_percentiles({1: 4}) == {}


def test_priorities_by_status_and_moderation_wait(world):
    t = tables("priority-status")
    [row] = t["by_status_topic"]
    assert (row["topic"], row["declined"], row["withdrawn"], row["pending"]) == (
        "Feeding",
        2,
        1,
        1,
    )
    assert row["total"] == 4
    # Waits of 10, 30 and 50 hours: median 30, nearest-rank 90th percentile 50.
    assert t["moderation_wait"] == [
        {"decided": 3, "median_hours": 30.0, "p90_hours": 50.0, "still_waiting": 1}
    ]
    assert tables("priority-status", group="clinician")["by_status_topic"] == []


def test_partners_and_backlog(world):
    t = tables("partners")
    assert t["by_country"] == [
        {"country": "United Kingdom", "partners": 6, "new_partners": 5}
    ]
    assert t["by_research_area"] == [
        {"research_area": "Nutrition", "partners": 6, "new_partners": 5}
    ]
    assert column(t["by_institution_type"], "partners", "institution_type") == {
        "Hospital or NICU": 5,
        "University": S,
    }
    # One profile waiting (12 days at the end of March): suppressed.
    assert column(t["verification_backlog"], "profiles", "waiting")["All waiting"] == S
    assert tables("partners", country="FR")["by_country"] == []


def test_evidence_review_status_and_changes(world):
    t = tables("evidence")
    assert column(t["review_status"], "summaries", "status") == {
        "Current": 1,
        "Due within 60 days": 1,
        "Overdue": 1,
        "No review date": 0,
    }
    assert [(r["factor"], r["published"]) for r in t["changed"]] == [
        ("Overdue factor", "2026-02-01"),
        ("Soon factor", "2026-02-02"),
    ]


def test_webinar_subscribers_over_time(world):
    assert tables("webinar-subscribers")["by_month"] == [
        {
            "month": "2026-01",
            "signed_up": 7,
            "confirmed": 6,
            "unsubscribed": S,
            "receiving": 6,
        },
        {
            "month": "2026-02",
            "signed_up": S,
            "confirmed": S,
            "unsubscribed": S,
            "receiving": 6,
        },
        {
            "month": "2026-03",
            "signed_up": S,
            "confirmed": S,
            "unsubscribed": S,
            "receiving": S,
        },
    ]


def test_contact_messages_by_topic(world):
    rows = tables("contact-messages")["by_topic"]
    assert rows[0] == {
        "topic": "Support for my family",
        "received": 6,
        "handled": 5,
        "open": S,
        # Five handled, after 2 to 10 hours: median 6, nearest-rank 90th 10.
        "median_hours": 6.0,
        "p90_hours": 10.0,
    }
    # Other topics: nothing received, and no times from fewer than 5 handled.
    assert all(
        row["received"] == S and row["median_hours"] is None for row in rows[1:-1]
    )
    assert rows[-1]["topic"] == "All topics"
    assert (rows[-1]["received"], rows[-1]["median_hours"]) == (6, 6.0)


@pytest.mark.parametrize(
    "extra", [{}, {"group": "family"}, {"country": "GB"}, {"from": "2026-02-15"}]
)
def test_precomputed_figures_equal_the_live_ones(world, extra):
    params = parse_params({**PERIOD, **extra})
    live = {r.name: run_report(r.name, params) for r in all_reports()}
    run = summaries.summaries_refresh()
    stored = {r.name: run_report(r.name, params) for r in all_reports()}
    for report in all_reports():
        if report.precomputed:
            assert live[report.name].source == "live"
            assert stored[report.name].source == "summary"
            assert stored[report.name].computed_at == run.finished_at
        assert [t.rows for t in stored[report.name].tables] == [
            t.rows for t in live[report.name].tables
        ], report.name


def test_refreshing_twice_keeps_one_run_and_the_same_rows(world):
    from reports.models import ParticipationMonth, SummaryRun

    summaries.summaries_refresh()
    first = list(
        ParticipationMonth.objects.values_list("month", "group", "active_members")
    )
    summaries.summaries_refresh()
    assert SummaryRun.objects.count() == 1
    assert (
        list(ParticipationMonth.objects.values_list("month", "group", "active_members"))
        == first
    )
