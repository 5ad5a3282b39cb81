"""Trigram indexes for the marketplace search over organisations (PostgreSQL only).

The marketplace's text search matches each stem in the organisation's name and
description as well as in its profiles (0002 indexed those): `icontains`, which
PostgreSQL runs as `UPPER(col::text) LIKE UPPER('%stem%')`. Without an index each stem
scans and upper-cases every organisation's description. The same GIN indexes with
pg_trgm's operator class as 0002, on the organisations' columns. SQLite: nothing.
"""

from django.db import migrations

INDEXES = {
    "organisation_name_trgm": "name",
    "organisation_description_trgm": "description",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON organisations_organisation "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0005_item_classification"),
        ("organisations", "0005_committee_team_and_decision_team"),
    ]

    operations = [migrations.RunPython(create, drop)]
