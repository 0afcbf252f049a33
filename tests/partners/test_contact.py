"""Contacting a partner: relayed by e-mail, logged, limited, can be switched off."""

import pytest
from django.core import mail

from partners.models import ContactRelay
from partners.tasks import relay_contact_message

MESSAGE = {
    "subject": "Donor milk study",
    "message": "Could our unit join your donor milk study next year?",
    "consent": "on",
}


def _post(client, partner, data=None):
    return client.post(f"/partners/{partner.pk}/contact/", data or MESSAGE)


def test_message_is_relayed_with_reply_to_the_sender_and_logged(
    client_for, clinician, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client_for(clinician), partner)
    assert response.status_code == 302
    relay = ContactRelay.objects.get()
    assert (relay.partner, relay.sender) == (partner, clinician)
    assert relay.relayed_at is not None
    sent = mail.outbox[-1]
    assert sent.to == [partner.user.email]
    assert sent.reply_to == [clinician.email]
    assert "Could our unit join" in sent.body
    assert clinician.public_name in sent.body
    # The partner's address appears nowhere the sender can see.
    page = client_for(clinician).get(response["Location"]).content.decode()
    assert partner.user.email not in page


def test_relay_task_sends_only_once(
    client_for, clinician, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(client_for(clinician), partner)
    before = len(mail.outbox)
    assert relay_contact_message(ContactRelay.objects.get().pk) is False
    assert len(mail.outbox) == before


def test_sender_must_consent_to_share_their_address(client_for, clinician, partner):
    response = _post(client_for(clinician), partner, {**MESSAGE, "consent": ""})
    assert response.status_code == 400
    assert "can only answer you" in response.content.decode()
    assert not ContactRelay.objects.exists()


@pytest.mark.parametrize(
    "change", [{"subject": ""}, {"message": ""}, {"message": "x" * 5001}]
)
def test_bad_message_is_refused_with_field_errors(
    client_for, clinician, partner, change
):
    response = _post(client_for(clinician), partner, {**MESSAGE, **change})
    assert response.status_code == 400
    assert not ContactRelay.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("role", ["unverified", "blocked"])
def test_members_who_cannot_participate_cannot_write(
    client_for, request, role, partner
):
    response = _post(client_for(request.getfixturevalue(role)), partner)
    assert response.status_code == 403
    assert not ContactRelay.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, partner):
    response = _post(client, partner)
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert not ContactRelay.objects.exists()


def test_anonymous_sees_no_form_but_a_sign_in_link(client, partner):
    html = client.get(f"/partners/{partner.pk}/").content.decode()
    assert "Sign in</a> to write" in html
    assert 'name="message"' not in html


def test_contact_switched_off_hides_the_form_and_refuses_posts(
    client_for, clinician, partner
):
    partner.accepts_contact = False
    partner.save()
    c = client_for(clinician)
    html = c.get(f"/partners/{partner.pk}/").content.decode()
    assert 'name="message"' not in html
    assert "does not receive messages" in html
    assert _post(c, partner).status_code == 400
    assert not ContactRelay.objects.exists()


def test_switching_off_after_sending_stops_the_relay(
    client_for, clinician, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _post(client_for(clinician), partner)
    partner.accepts_contact = False
    partner.save()
    for callback in callbacks:
        callback()
    assert not [m for m in mail.outbox if m.to == [partner.user.email]]


def test_partner_cannot_message_themselves(client_for, partner):
    assert _post(client_for(partner.user), partner).status_code == 400


def test_rate_limit_per_member(client_for, clinician, partner, settings):
    settings.PARTNER_CONTACT_RATE = "2/h"
    c = client_for(clinician)
    assert _post(c, partner).status_code == 302
    assert _post(c, partner).status_code == 302
    response = _post(c, partner)
    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert ContactRelay.objects.count() == 2


def test_unlisted_partner_cannot_be_contacted(client_for, clinician, partner):
    partner.status = "unlisted"
    partner.save()
    assert _post(client_for(clinician), partner).status_code == 404


@pytest.mark.parametrize("role", ["family", "researcher", "user", "moderator"])
def test_every_verified_member_may_write(client_for, request, role, partner):
    member = request.getfixturevalue(role)
    assert _post(client_for(member), partner).status_code == 302
    assert ContactRelay.objects.get().sender == member
