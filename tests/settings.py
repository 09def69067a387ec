"""Test settings: the real settings, made faster. Variables set here only where CI does not."""

import os
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-any-deployment")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
# One Redis key space per test process (each pytest-xdist worker is one), shared with the worker processes
# its tests start. Set, not defaulted: xdist's workers inherit the environment of the process that starts them.
if os.environ.get("VALUES_TEST_WORKER") != "1":
    os.environ["TASK_KEY_PREFIX"] = f"values_test_{os.getpid()}"

from values.settings import *  # noqa: F403
from values.settings import DATABASES, STATIC_ROOT, TASKS, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tasks run at once in the test process; the worker tests switch to the configured backend.
CONFIGURED_TASKS = TASKS
if os.environ.get("VALUES_TEST_WORKER") != "1":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: the worker process and the browser's server thread share it.
    Path(VAR_DIR).mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": str(Path(VAR_DIR) / "test.sqlite3")}

# WhiteNoise looks for collected files at start-up; tests serve them from the apps instead.
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
