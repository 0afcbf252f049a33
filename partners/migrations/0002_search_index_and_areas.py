"""The GIN index for full-text search (PostgreSQL only) and the first research areas."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

AREAS = [
    ("Microbiome", "microbiome", "The gut bacteria of preterm infants and how they shape NEC risk."),
    ("Nutrition and human milk", "nutrition-human-milk", "Mother's own milk, donor milk, fortifiers and feeding regimens."),
    ("Immunology", "immunology", "The immature immune response of the preterm gut."),
    ("Probiotics", "probiotics", "Live bacteria given to prevent NEC, and their safety."),
    ("Biomarkers and diagnosis", "biomarkers-diagnosis", "Finding NEC sooner and telling it apart from other illness."),
    ("Imaging", "imaging", "Abdominal X-ray, ultrasound and newer imaging of the bowel."),
    ("Surgery", "surgery", "Operations for NEC and care around them."),
    ("Neurodevelopmental outcomes", "neurodevelopmental-outcomes", "How children who had NEC grow, learn and develop."),
    ("Epidemiology", "epidemiology", "How often NEC happens, to whom, and why rates differ."),
    ("Quality improvement", "quality-improvement", "Changing unit practice to lower NEC rates."),
    ("Family-centred care", "family-centred-care", "Involving parents in care, and support for families."),
]


def add_areas(apps, schema_editor):
    ResearchArea = apps.get_model("partners", "ResearchArea")
    for position, (name, slug, description) in enumerate(AREAS):
        ResearchArea.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position},
        )


def create_gin(apps, schema_editor):
    # SQLite has no GIN indexes; the directory matches text there instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS partner_search_vector_gin "
            "ON partners_partner USING gin (search_vector)"
        )
        # Matches Django's icontains SQL, so part of a name is found by index too.
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS partner_name_trgm "
            "ON partners_partner USING gin (UPPER(display_name::text) gin_trgm_ops)"
        )


def drop_gin(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS partner_search_vector_gin")
        schema_editor.execute("DROP INDEX IF EXISTS partner_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [
        # A no-op on SQLite; on PostgreSQL it needs a role allowed to create it.
        TrigramExtension(),
        migrations.RunPython(create_gin, drop_gin),
        migrations.RunPython(add_areas, migrations.RunPython.noop),
    ]
