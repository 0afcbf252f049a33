import factory
from django.utils import timezone

from partners.models import (
    Institution,
    Partner,
    PartnerStatus,
    Publication,
    ResearchArea,
)
from portal.models import StakeholderGroup
from tests.factories import UserFactory


class ResearchAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchArea
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Test University {n}")
    country = "GB"
    city = "Leeds"
    type = "university"
    is_confirmed = True


class PartnerFactory(factory.django.DjangoModelFactory):
    """A verified, listed partner; pass status=... for other states."""

    class Meta:
        model = Partner
        skip_postgeneration_save = True

    user = factory.SubFactory(
        UserFactory, stakeholder_group=StakeholderGroup.RESEARCHER
    )
    display_name = factory.Sequence(lambda n: f"Dr Partner {n}")
    title = "Research fellow"
    institution = factory.SubFactory(InstitutionFactory)
    country = factory.SelfAttribute("institution.country")
    city = "Leeds"
    bio = "Works on NEC."
    status = PartnerStatus.VERIFIED
    submitted_at = factory.LazyFunction(timezone.now)
    verified_at = factory.LazyFunction(timezone.now)
    open_to_collaboration = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.research_areas.set(extracted)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    partner = factory.SubFactory(PartnerFactory)
    kind = "doi"
    identifier = factory.Sequence(lambda n: f"10.5555/test-{n}")
