import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models


class AddIndexOnPostgres(migrations.AddIndex):
    """A GIN index: PostgreSQL only; other databases keep the state, not the index."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


TOPICS = [
    ("Prevention", "prevention", "Stopping NEC before it starts: feeding, milk, probiotics, medicines."),
    ("Diagnosis", "diagnosis", "Recognising NEC early and telling it apart from other illnesses."),
    ("Treatment", "treatment", "Medical and surgical care once NEC is suspected or confirmed."),
    ("Long-term outcomes", "long-term-outcomes", "Growth, development and health in the years after NEC."),
    ("Family support and care", "family-support-and-care", "Supporting parents and caregivers in the NICU, at home and in bereavement."),
    ("Health services and policy", "health-services-and-policy", "How NICUs, health systems and policy put best practice in place."),
]
GROUPS = ["family", "clinician", "researcher", "other"]


def seed(apps, schema_editor):
    Topic = apps.get_model("priorities", "Topic")
    GroupVoterCount = apps.get_model("priorities", "GroupVoterCount")
    for position, (name, slug, description) in enumerate(TOPICS):
        Topic.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position},
        )
    for group in GROUPS:
        GroupVoterCount.objects.get_or_create(group=group)


class Migration(migrations.Migration):

    dependencies = [
        ('priorities', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # A no-op on databases other than PostgreSQL.
        TrigramExtension(),
        migrations.AddIndex(
            model_name='priority',
            index=models.Index(fields=['author', 'status'], name='prio_author_status'),
        ),
        AddIndexOnPostgres(
            model_name='priority',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.SearchVector('title', 'description', config='english'), name='prio_search_gin'),
        ),
        AddIndexOnPostgres(
            model_name='priority',
            index=django.contrib.postgres.indexes.GinIndex(fields=['title'], name='prio_title_trgm', opclasses=['gin_trgm_ops']),
        ),
        # The listing reads each sort straight from a partial index (see the
        # model); these replace the first status-and-column indexes.
        migrations.RemoveIndex(
            model_name='priority',
            name='prio_status_balanced',
        ),
        migrations.RemoveIndex(
            model_name='priority',
            name='prio_status_support',
        ),
        migrations.RemoveIndex(
            model_name='priority',
            name='prio_status_comments',
        ),
        migrations.RemoveIndex(
            model_name='priority',
            name='prio_status_trending',
        ),
        migrations.AddIndex(
            model_name='priority',
            index=models.Index(condition=models.Q(('is_hidden', False), ('status__in', ('published', 'shortlisted', 'answered'))), fields=['-balanced_score', '-supporters_total', '-created_at'], name='prio_list_balanced'),
        ),
        migrations.AddIndex(
            model_name='priority',
            index=models.Index(condition=models.Q(('is_hidden', False), ('status__in', ('published', 'shortlisted', 'answered'))), fields=['-supporters_total', '-created_at'], name='prio_list_supported'),
        ),
        migrations.AddIndex(
            model_name='priority',
            index=models.Index(condition=models.Q(('is_hidden', False), ('status__in', ('published', 'shortlisted', 'answered'))), fields=['-created_at'], name='prio_list_newest'),
        ),
        migrations.AddIndex(
            model_name='priority',
            index=models.Index(condition=models.Q(('is_hidden', False), ('status__in', ('published', 'shortlisted', 'answered'))), fields=['-comment_count', '-created_at'], name='prio_list_discussed'),
        ),
        migrations.AddIndex(
            model_name='priority',
            index=models.Index(condition=models.Q(('is_hidden', False), ('status__in', ('published', 'shortlisted', 'answered'))), fields=['-trending_score', '-supporters_total', '-created_at'], name='prio_list_trending'),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
