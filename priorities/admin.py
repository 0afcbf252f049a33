from . import admin_discussion  # noqa: F401  (registers the discussion models)
