import factory
from django.utils import timezone

from discussion.models import Comment
from portal.models import StakeholderGroup
from priorities import similarity
from priorities.models import Priority, Status, Tag, Topic
from tests.factories import UserFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class PriorityFactory(factory.django.DjangoModelFactory):
    """A published priority by a researcher."""

    class Meta:
        model = Priority
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Does intervention {n} reduce NEC?")
    description = "Why this question matters to families and clinicians."
    topic = factory.SubFactory(TopicFactory)
    author = factory.SubFactory(
        UserFactory, stakeholder_group=StakeholderGroup.RESEARCHER
    )
    author_group = factory.LazyAttribute(lambda o: o.author.stakeholder_group)
    status = Status.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status != Status.PENDING else None
    )

    @factory.post_generation
    def similarity_index(obj, create, extracted, **kwargs):
        # What the write services do for a priority they save.
        if create:
            similarity.index_refresh([obj.pk])


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    priority = factory.SubFactory(PriorityFactory)
    author = factory.SubFactory(UserFactory)
    author_group = factory.LazyAttribute(lambda o: o.author.stakeholder_group)
    body = "I think this matters a great deal."
