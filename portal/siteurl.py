"""The site's absolute address for links in mails and printouts (read by settings)."""

DEFAULT_HOST = "127.0.0.1:8000"


def site_url_for(*, site_url: str, host: str, debug: bool) -> str:
    """SITE_URL when set; in development, otherwise, the address runserver serves.

    `make run HOST=127.0.0.1:8101` passes HOST, so the links the portal mails point
    at the server that sent them. HOST is ignored without DEBUG: some shells set it
    to the machine's name, and production sets SITE_URL.
    """
    if site_url.strip():
        return site_url.strip().rstrip("/")
    host = host.strip() if debug else ""
    if host.isdigit():  # runserver's bare port
        host = f"127.0.0.1:{host}"
    return f"http://{host or DEFAULT_HOST}"
