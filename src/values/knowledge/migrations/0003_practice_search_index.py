"""The full-text index of practices: FTS5 on SQLite, tsvector with a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE knowledge_practice_search USING fts5("
    "practice_id UNINDEXED, language UNINDEXED, title, content, tokenize='unicode61 remove_diacritics 2')",
]
POSTGRESQL = [
    # No foreign key: the table is outside Django's models, and a key would stop Django from
    # emptying knowledge_practice (flush, tests). Searches are narrowed to existing practices.
    "CREATE TABLE knowledge_practice_search (id bigserial PRIMARY KEY, "
    "practice_id bigint NOT NULL, "
    "language varchar(8) NOT NULL, title text NOT NULL, content text NOT NULL, document tsvector NOT NULL)",
    "CREATE INDEX knowledge_practice_search_document ON knowledge_practice_search USING GIN (document)",
    "CREATE INDEX knowledge_practice_search_practice ON knowledge_practice_search (practice_id)",
]


def create(apps, schema_editor):
    statements = POSTGRESQL if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS knowledge_practice_search")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_practice")]

    operations = [migrations.RunPython(create, drop)]
