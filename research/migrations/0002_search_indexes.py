"""GIN indexes for full-text search, on PostgreSQL only (SQLite uses icontains).

The expressions must match SummaryVersion.search_vector() and
research.models.citation_search_vector() so the planner can use them.
"""

from django.db import migrations

VERSION_INDEX = (
    "CREATE INDEX IF NOT EXISTS research_version_search_gin "
    "ON research_summaryversion USING gin ((to_tsvector('english'::regconfig, "
    "COALESCE(factor_name, '') || ' ' || COALESCE(clinician_summary, '') || ' ' "
    "|| COALESCE(plain_summary, ''))))"
)
CITATION_INDEX = (
    "CREATE INDEX IF NOT EXISTS research_citation_search_gin "
    "ON research_citation USING gin ((to_tsvector('english'::regconfig, "
    "COALESCE(title, '') || ' ' || COALESCE(authors, '') || ' ' "
    "|| COALESCE(journal, ''))))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VERSION_INDEX)
        schema_editor.execute(CITATION_INDEX)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS research_version_search_gin")
        schema_editor.execute("DROP INDEX IF EXISTS research_citation_search_gin")


class Migration(migrations.Migration):
    dependencies = [("research", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
