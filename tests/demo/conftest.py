"""One sample per test module: making the midway sample takes seconds here and a minute on a loaded CI machine,
and most tests only read it (`tests.conftest.once_per_module`). Both modules are each kept on one xdist worker
(`xdist_group`, with `--dist loadgroup` in the Makefile), or each worker would make the sample again."""

import pytest


@pytest.fixture(scope="module")
def module_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")
