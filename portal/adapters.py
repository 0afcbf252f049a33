from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import Http404, HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def confirm_email(self, request: HttpRequest, email_address) -> bool:
        confirmed = super().confirm_email(request, email_address)
        if confirmed and email_address.primary:
            type(email_address.user).objects.filter(pk=email_address.user_id).update(
                email_verified=True
            )
        return confirmed


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def get_app(self, request, provider, client_id=None):
        # Without credentials (ORCID_CLIENT_ID unset) the provider's URLs still
        # exist; answer them with "not found" instead of a server error.
        from allauth.socialaccount.models import SocialApp

        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist:
            raise Http404("This sign-in method is not configured.") from None

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        name = " ".join(
            part for part in (data.get("first_name"), data.get("last_name")) if part
        )
        if name and not user.display_name:
            user.display_name = name[:80]
        # ORCID sign-ins are researchers unless they say otherwise on the profile.
        user.stakeholder_group = "researcher"
        return user


def axes_username(request, credentials=None) -> str | None:
    """The e-mail being tried, whichever form (allauth or admin) sent it."""
    for source in (credentials or {}, getattr(request, "POST", {})):
        for field in ("login", "email", "username"):
            value = source.get(field)
            if value:
                return str(value).strip().lower()
    return None


def sync_email_verified(sender, user, to_email_address, **kwargs) -> None:
    """Keep User.email_verified equal to the new primary address's state.

    Connected to allauth's email_changed signal (portal/apps.py): allauth offers
    no adapter hook for a change of primary address, and without this a member
    who switched to a verified address would stay unable to take part.
    """
    from .models import User

    User.objects.filter(pk=to_email_address.user_id).update(
        email_verified=to_email_address.verified
    )
