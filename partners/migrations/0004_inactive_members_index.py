"""A partial index of the few members who are inactive or deleted (PostgreSQL).

PartnerQuerySet.listed() leaves their profiles out with a subquery that reads
this index, instead of joining every member row.
"""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS user_inactive_or_deleted
ON portal_user (id) WHERE (NOT is_active OR deleted_at IS NOT NULL)
"""
DROP = "DROP INDEX IF EXISTS user_inactive_or_deleted"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_verify_permission"),
        ("portal", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
