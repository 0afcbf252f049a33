"""The summary tables in the admin: readable by superusers, never editable."""

import pytest

from reports import summaries

PAGES = ["summaryrun", "participationmonth", "supportmonth", "votermonth"]


@pytest.mark.parametrize("model", PAGES)
def test_summary_tables_are_read_only_in_the_admin(world, roles, model):
    summaries.summaries_refresh()
    client = roles.client("staff")
    assert client.get(f"/staff/reports/{model}/").status_code == 200
    assert client.get(f"/staff/reports/{model}/add/").status_code == 403
    page = client.get(f"/staff/reports/{model}/").content.decode()
    assert 'name="action"' not in page  # no delete action


def test_the_task_wraps_the_service(world):
    from reports.models import SummaryRun
    from reports.tasks import refresh_report_summaries

    run_id = refresh_report_summaries()
    assert SummaryRun.objects.get().pk == run_id


def test_the_nightly_refresh_is_on_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["reports-refresh-summaries"]
    assert entry["task"] == "reports.tasks.refresh_report_summaries"


def test_ticking_handled_in_the_admin_records_when(roles):
    from portal.models import ContactMessage

    message = ContactMessage.objects.create(
        name="Sender", email="sender@example.org", message="Hello"
    )
    client = roles.client("staff")
    url = f"/staff/portal/contactmessage/{message.pk}/change/"
    assert client.post(url, {"handled": "on"}, format="multipart").status_code == 302
    message.refresh_from_db()
    assert message.handled and message.handled_at is not None
    assert client.post(url, {}, format="multipart").status_code == 302
    message.refresh_from_db()
    assert not message.handled and message.handled_at is None
