"""The project: settings, root URLs, the Celery app, accounts, site pages, FAQ,
contact form and webinars, and what every app shares.

Shared surface for the apps: `portal.models` (User, StakeholderGroup, Profession),
`portal.access` (who may do what), `portal.mail` (sending mail),
`portal.forms.add_service_errors`, `portal.markdown`, `portal.csvexport`,
`portal.identifiers`, `portal.admin_mixins`, `portal.jsonld`. Apps plug in demo
data and privacy hooks by module name (`portal.hooks`). Portal imports no app.
"""

from .celery import app as celery_app

__all__ = ["celery_app"]
