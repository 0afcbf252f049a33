import logging
import time
import uuid

logger = logging.getLogger("portal.request")


class RequestLogMiddleware:
    """One structured log line per request: method, path, status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A proxy's id is kept so lines can be joined across services; bounded so
        # a client cannot stuff the logs.
        request_id = (request.headers.get("X-Request-ID") or "")[
            :64
        ] or uuid.uuid4().hex
        request.request_id = request_id
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logger.info(
            "request",
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": _loggable_path(request),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk
                if user is not None and user.is_authenticated
                else None,
            },
        )
        response["X-Request-ID"] = request_id
        return response


def _loggable_path(request) -> str:
    """The path, except that signed links (which embed an e-mail address) are
    logged as their route pattern, so no personal data reaches the logs."""
    match = getattr(request, "resolver_match", None)
    if match is not None and {"token", "key", "uidb36"} & match.kwargs.keys():
        return "/" + match.route
    return request.path
