"""The interactive API docs, served under the site's own Content-Security-Policy.

drf-spectacular's stock Swagger UI page puts its start-up script and styles
inline, which the site's CSP (no inline scripts or styles, everything from
'self') refuses. This page loads the bundles from drf-spectacular-sidecar, its
styles from our static files and its start-up script from this view again.

There is no ReDoc page: ReDoc 2 writes its styles into <style> elements as its
bundle loads (before any nonce can be handed to it) and always fetches its logo
from cdn.redoc.ly, so it cannot run under this CSP without outside requests.
/api/v1/redoc/ redirects here.
"""

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI; its start-up script is this view again with `?script`."""

    template_name = "portal/api/swagger_ui.html"
