"""One module per family of reports; importing a module registers its reports.

To add a report: write a module here with a function decorated by
`reports.registry.report(...)`, and add one import line below.
"""

from . import (  # noqa: F401
    engagement,
    evidence,
    moderation,
    participation,
    partners,
    priorities,
    rounds,
)
