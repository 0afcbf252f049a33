import factory
from allauth.account.models import EmailAddress

from portal.models import FAQ, FAQCategory, StakeholderGroup, User


class UserFactory(factory.django.DjangoModelFactory):
    """A verified member; pass email_verified=False for an unverified one."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Member {n}")
    stakeholder_group = StakeholderGroup.FAMILY
    email_verified = True
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def email_address(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=self.email_verified
            )


class FAQCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQCategory

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class FAQFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQ

    category = factory.SubFactory(FAQCategoryFactory)
    question = factory.Sequence(lambda n: f"Question number {n}?")
    answer = "An answer in plain words."
