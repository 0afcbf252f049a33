from partners.models import ContactRelay, Partner, Publication
from partners.privacy import export_user_data
from portal.services import account_delete, account_export

from .factories import PartnerFactory, PublicationFactory


def test_export_contains_profile_and_messages(partner, clinician):
    PublicationFactory(partner=partner, identifier="10.5555/x")
    ContactRelay.objects.create(
        partner=partner, sender=clinician, subject="Hi", message="Hello there"
    )
    mine = export_user_data(partner.user)
    assert mine["partner_profile"]["display_name"] == "Dr Ada Quill"
    assert mine["partner_profile"]["publications"][0]["identifier"] == "10.5555/x"
    assert (
        mine["partner_profile"]["messages_received"][0]["from"] == clinician.public_name
    )
    theirs = account_export(user=clinician)["partners"]
    assert theirs["messages_sent_to_partners"][0]["to"] == "Dr Ada Quill"
    assert theirs["partner_profile"] is None


def test_deleting_an_account_removes_profile_and_sent_messages(partner, clinician):
    other = PartnerFactory()
    PublicationFactory(partner=partner)
    ContactRelay.objects.create(
        partner=other, sender=partner.user, subject="A", message="From Ada"
    )
    ContactRelay.objects.create(
        partner=partner, sender=clinician, subject="B", message="To Ada"
    )
    account_delete(user=partner.user)
    assert not Partner.objects.filter(pk=partner.pk).exists()
    assert not Publication.objects.filter(partner_id=partner.pk).exists()
    assert not ContactRelay.objects.exists()
    assert Partner.objects.filter(pk=other.pk).exists()


def test_deleting_a_sender_removes_their_messages_only(partner, clinician, family):
    ContactRelay.objects.create(
        partner=partner, sender=clinician, subject="A", message="x"
    )
    ContactRelay.objects.create(
        partner=partner, sender=family, subject="B", message="y"
    )
    account_delete(user=clinician)
    assert list(ContactRelay.objects.values_list("subject", flat=True)) == ["B"]
