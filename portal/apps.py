from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        # Runs after every `migrate` (and after test-database flushes), so the
        # Moderators group and the site's name follow the settings without a
        # hand-written data migration each time an app adds a permission.
        post_migrate.connect(
            _after_migrate, sender=self, dispatch_uid="portal_after_migrate"
        )
        from allauth.account.signals import email_changed

        from .adapters import sync_email_verified

        email_changed.connect(sync_email_verified, dispatch_uid="portal_email_verified")
        from django.contrib.auth.signals import user_logged_in

        from .i18n import apply_member_language

        user_logged_in.connect(apply_member_language, dispatch_uid="portal_language")
        from django.core import checks

        from .mail import check_mail_kinds

        # A mail kind whose builder does not import fails `check`, not a send.
        checks.register(check_mail_kinds)


def _after_migrate(sender, using="default", **kwargs) -> None:
    from .services import moderator_group_ensure, site_ensure

    site_ensure(using=using)
    moderator_group_ensure(using=using)
