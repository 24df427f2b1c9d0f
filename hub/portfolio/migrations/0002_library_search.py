"""Full-text search for the library: one schema per database engine, one interface in search.py.

PostgreSQL: the unaccent extension and a Spanish text search configuration (hub_es) that strips
accents before stemming. SQLite: an FTS5 table (accent- and case-insensitive tokenizer) that the
services keep in sync on save and delete.
"""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'hub_es') THEN
            CREATE TEXT SEARCH CONFIGURATION hub_es (COPY = spanish);
            ALTER TEXT SEARCH CONFIGURATION hub_es
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
        END IF;
    END $$""",
]
PG_BACKWARD = ["DROP TEXT SEARCH CONFIGURATION IF EXISTS hub_es"]

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS portfolio_library_fts USING fts5(
        title, authors, summary, extra, tokenize="unicode61 remove_diacritics 2")""",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS portfolio_library_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
