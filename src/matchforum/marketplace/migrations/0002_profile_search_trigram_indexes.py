"""Trigram indexes for the offers-and-needs search (PostgreSQL only).

The API's search (`?search=`) is Django's `icontains`, which PostgreSQL runs as
`UPPER(col::text) LIKE UPPER('%word%')`: without an index that is a scan of every
profile, upper-casing each description (about 45 ms on the large demo forum, twice per
page with the count). GIN indexes over exactly those expressions with pg_trgm's
operator class let PostgreSQL answer from the index (about 3 ms). pg_trgm is a trusted
extension (PostgreSQL 13+), so the database owner may create it. SQLite has no such
index: there the migration does nothing.
"""

from django.db import migrations

INDEXES = {
    "marketplace_profile_title_trgm": "title",
    "marketplace_profile_description_trgm": "description",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON marketplace_cooperationprofile "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
