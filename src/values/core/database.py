from django.core.management import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def require_migrated_database() -> None:
    """Stop a command with a clear message, not a traceback, when migrations are pending."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CommandError("the database is not set up or not up to date: run `values migrate` first", returncode=2)
