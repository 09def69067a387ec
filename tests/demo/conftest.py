"""One sample per test module: making the midway sample takes a minute (two on a loaded CI machine), and
most tests only read it.

`sample_once` makes it once in a transaction that the module's end rolls back; each test runs inside it in
its own savepoint (pytest-django's), so what a test changes is undone before the next one. Files the sample
writes go to the module's own media folder. Both modules are each kept on one xdist worker (`xdist_group`,
with `--dist loadgroup` in the Makefile), or each worker would make the sample again.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import transaction
from django.test import override_settings


@contextmanager
def sample_once(django_db_blocker, media_root, make: Callable) -> Iterator:
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        try:
            yield make()
        finally:
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def module_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")
