"""Find optional modules (demo data, privacy) in the portal's apps by name.

Each app in settings.PORTAL_APPS may ship, for example, `<app>/demo.py` with a
`seed()` function or `<app>/privacy.py` with `export_user_data(user)` and
`erase_user_data(user)`; the portal calls whichever exist.
"""

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.conf import settings


def app_modules(name: str) -> Iterator[tuple[str, ModuleType]]:
    for app in settings.PORTAL_APPS:
        dotted = f"{app}.{name}"
        if find_spec(dotted) is not None:
            yield app, import_module(dotted)
