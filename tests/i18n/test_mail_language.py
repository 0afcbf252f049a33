"""E-mail is written in its recipient's language, whoever caused it."""

import pytest
from django.core import mail
from django.utils import translation

from discussion.comments import comment_create
from discussion.notifications import follow_priority
from partners.models import DecisionAction
from partners.services import log_decision
from portal import services
from portal.models import WebinarSubscriber
from tests.factories import UserFactory
from tests.partners.factories import PartnerFactory
from tests.priorities.factories import PriorityFactory

pytestmark = pytest.mark.django_db


def _send(callbacks, fn, **kwargs):
    with callbacks(execute=True):
        return fn(**kwargs)


def test_partner_decision_reaches_a_spanish_member_in_spanish(
    django_capture_on_commit_callbacks,
):
    partner = PartnerFactory(user=UserFactory(language="es"))
    with translation.override("en"):  # staff act in English
        _send(
            django_capture_on_commit_callbacks,
            log_decision,
            partner=partner,
            action=DecisionAction.VERIFIED,
            actor=None,
        )
    [message] = [m for m in mail.outbox if m.to == [partner.user.email]]
    assert "Su perfil de colaborador está verificado" in message.subject
    assert "/es/partners/" in message.body


def test_partner_decision_reaches_an_english_member_in_english(
    django_capture_on_commit_callbacks,
):
    partner = PartnerFactory(user=UserFactory(language="en"))
    with translation.override("es"):
        _send(
            django_capture_on_commit_callbacks,
            log_decision,
            partner=partner,
            action=DecisionAction.VERIFIED,
            actor=None,
        )
    [message] = [m for m in mail.outbox if m.to == [partner.user.email]]
    assert "Your partner profile is verified" in message.subject
    assert "/es/" not in message.body


def test_a_webinar_sign_up_on_the_spanish_page_is_confirmed_in_spanish(
    django_capture_on_commit_callbacks,
):
    with translation.override("es"):
        _send(
            django_capture_on_commit_callbacks,
            services.webinar_subscribe,
            email="madre@example.org",
        )
    assert WebinarSubscriber.objects.get().language == "es"
    [message] = mail.outbox
    assert "Confirme su suscripción a los seminarios web" in message.subject
    assert "/es/webinars/confirm/" in message.body


def test_a_comment_notification_is_written_in_each_followers_language(
    django_capture_on_commit_callbacks, family
):
    priority = PriorityFactory()
    spanish = UserFactory(language="es", display_name="Lucía")
    english = UserFactory(language="en", display_name="Ann")
    follow_priority(user=spanish, priority=priority)
    follow_priority(user=english, priority=priority)
    with translation.override("en"):
        _send(
            django_capture_on_commit_callbacks,
            comment_create,
            author=family,
            priority=priority,
            body="Donor milk matters to us.",
        )
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "comentó en" in by_address[spanish.email].subject
    assert "commented on" in by_address[english.email].subject
