"""The marketplace's word matching against PostgreSQL full-text search, on the same stems.

    flock /work/bench.lock python scripts/with_postgres.py -- sh -c \\
        'python bench/bench_search.py --size large && python bench/bench_search_fts.py'

The experiment behind docs/decisions/0011-marketplace-search.md. On a seeded demo forum
(bench_search.py seeds one) it compares, per query, the statement that finds the matching
organisations two ways, with the stems of `marketplace.search.search_stems`:

- substring: what the marketplace runs, in the shape `marketplace.selectors` gives it —
  each stem as `UPPER(col) LIKE UPPER('%stem%')` in the organisation's name and
  description or a visible item's title and description, answered from the pg_trgm GIN
  indexes (a stem shorter than a trigram per organisation);
- full text: a `tsvector` with the 'simple' configuration (PostgreSQL 15 has no
  Ukrainian, Polish, Latvian or Estonian one) over the same columns, stored as a generated
  column with a GIN index, and each stem as a prefix query (`stem:*`).

It prints the organisations each finds, how many only one of them finds, and the median
time of the statement. The columns and indexes are made inside a transaction that is
rolled back: the database is left as it was. Items are those every approved organisation
may see under the default rules (public and dual-use), as for the benchmark's delegate;
the organisations are all the listed ones (the page leaves out the viewer's own, so its
count may be one lower).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TEXTS = [
    "drone",
    "drone detection",
    "drones",
    "thermal cameras",
    "passive rf detector drones",
    "дронів",
    "виявлення дронів",
    "detec",
    "demining",
]
SETUP = [
    "ALTER TABLE marketplace_cooperationprofile ADD COLUMN bench_fts tsvector GENERATED ALWAYS"
    " AS (to_tsvector('simple', title || ' ' || description)) STORED",
    "ALTER TABLE organisations_organisation ADD COLUMN bench_fts tsvector GENERATED ALWAYS"
    " AS (to_tsvector('simple', name || ' ' || description)) STORED",
    "CREATE INDEX bench_profile_fts ON marketplace_cooperationprofile USING gin (bench_fts)",
    "CREATE INDEX bench_organisation_fts ON organisations_organisation USING gin (bench_fts)",
    "ANALYZE marketplace_cooperationprofile",
    "ANALYZE organisations_organisation",
]
LISTED = (
    "SELECT o.id FROM organisations_organisation o WHERE o.accreditation = 'approved'"
    " AND o.visibility = 'listed'"
)
TRIGRAM = 3  # marketplace.selectors.TRIGRAM (it needs Django set up to import)
VISIBLE = "p.is_active AND p.classification IN ('public', 'dual_use')"


def substring_sql(stems: list[str]) -> tuple[str, list[str]]:
    """The statement shape of `marketplace.selectors._text_matches`."""
    sql, params = LISTED, []
    for stem in stems:
        own = "(UPPER(o.name::text) LIKE UPPER(%s) OR UPPER(o.description) LIKE UPPER(%s))"
        items = (
            f"SELECT p.organisation_id FROM marketplace_cooperationprofile p WHERE {VISIBLE}"
            " AND (UPPER(p.title::text) LIKE UPPER(%s) OR UPPER(p.description) LIKE UPPER(%s))"
        )
        if len(stem) < TRIGRAM:
            sql += f" AND ({own} OR o.id = ({items} AND p.organisation_id = o.id LIMIT 1))"
        else:
            sql += (
                " AND (o.id IN (SELECT o2.id FROM organisations_organisation o2 WHERE"
                f" {own.replace('o.', 'o2.')}) OR o.id IN ({items}))"
            )
        params += [f"%{stem}%"] * 4
    return sql, params


def fulltext_sql(stems: list[str]) -> tuple[str, list[str]]:
    sql, params = LISTED, []
    for stem in stems:
        sql += (
            " AND (o.bench_fts @@ to_tsquery('simple', %s) OR o.id IN (SELECT p.organisation_id"
            " FROM marketplace_cooperationprofile p"
            f" WHERE {VISIBLE} AND p.bench_fts @@ to_tsquery('simple', %s)))"
        )
        # The stems of the benchmark's queries are letters only; quoted as one lexeme.
        prefix = "'" + stem.replace("'", "''").replace("\\", "") + "':*"
        params += [prefix, prefix]
    return sql, params


def timed(cursor, sql: str, params: list[str], runs: int) -> tuple[set[int], float]:
    times = []
    found: set[int] = set()
    for _ in range(runs):
        begin = time.perf_counter()
        cursor.execute(sql, params)  # nosec B608 - own SQL, the stems are parameters
        found = {row[0] for row in cursor.fetchall()}
        times.append((time.perf_counter() - begin) * 1000)
    return found, statistics.median(times)


def main() -> int:
    if not os.environ.get("DATABASE_URL"):
        print("Set DATABASE_URL (run it under scripts/with_postgres.py).", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "matchforum.settings")
    os.environ.setdefault("SECRET_KEY", "bench-search-fts-not-a-secret")  # nosec B105
    import django

    django.setup()
    from django.db import connection, transaction

    from matchforum.marketplace.search import search_stems

    if connection.vendor != "postgresql":
        print("This compares PostgreSQL's full-text search: run it on PostgreSQL.")
        return 2
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    header = f"{'query':<28} {'substr':>6} {'ms':>6} {'fts':>6} {'ms':>6} {'only substr':>11}"
    print(f"{header} {'only fts':>8}")
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in SETUP:
            cursor.execute(statement)
        for text in TEXTS:
            stems = search_stems(text)
            substring, substring_ms = timed(cursor, *substring_sql(stems), runs=7)
            fulltext, fulltext_ms = timed(cursor, *fulltext_sql(stems), runs=7)
            print(
                f"{text:<28} {len(substring):>6} {substring_ms:>6.1f} {len(fulltext):>6} "
                f"{fulltext_ms:>6.1f} {len(substring - fulltext):>11} "
                f"{len(fulltext - substring):>8}"
            )
        cursor.execute(
            "SELECT DISTINCT m[1] FROM (SELECT title || ' ' || description AS t"
            " FROM marketplace_cooperationprofile UNION ALL SELECT name || ' ' || description"
            " FROM organisations_organisation) x,"
            r" regexp_matches(lower(t), '(\S*\w(?:dron|дрон)\S*)', 'g') m ORDER BY 1"
        )
        inside = [row[0] for row in cursor.fetchall()]
        print(f"words holding the stem inside (substring finds, a prefix does not): {inside}")
        transaction.set_rollback(True)  # leave the database as it was
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
