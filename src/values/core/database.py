from pathlib import Path

from django.core.management import CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor


def require_migrated_database() -> None:
    """Stop a command with a clear message, not a traceback, when migrations are pending."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CommandError("the database is not set up or not up to date: run `values migrate` first", returncode=2)


def database_ready() -> bool:
    """Whether the database answers and is migrated; for commands that can do without it."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite" and str(name) != ":memory:" and not Path(name).exists():
        return False  # asking would create an empty database file
    try:
        executor = MigrationExecutor(connection)
        return not executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return False
