"""Move the clock in a test: `with later(6): mail_sweep()` runs as if six minutes
had passed (the outbox's sweep delay, back-off and claim lease read the time)."""

import datetime
from unittest import mock

from django.utils import timezone


def later(minutes: float):
    """Patch "now" forward, as if the beat ran that much later."""
    when = timezone.now() + datetime.timedelta(minutes=minutes)
    return mock.patch("django.utils.timezone.now", return_value=when)
