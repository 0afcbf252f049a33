from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        # The ORCID button appears only when the portal has ORCID credentials.
        "ORCID_ENABLED": bool(settings.ORCID_CLIENT_ID),
    }
