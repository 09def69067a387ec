"""The `values` command: the platform's own commands and every Django management command.

`values check FILE`, `values load FILE`, `values export FILE`, `values check-budget`,
`values serve`, `values worker`, `values demo`; anything else (`values migrate`, `values createsuperuser`)
runs as with manage.py. DATABASE_URL and the other variables of the README configure it.
"""

import os
import secrets
import sys
from pathlib import Path

# Plain HTTP on the loopback for the demo: the production defaults expect a TLS proxy.
DEMO_ENVIRONMENT = {
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SECURE_HSTS_SECONDS": "0",
    # The demo's accounts and passwords are printed for anyone to try; a deployment requires it.
    "REQUIRE_SECOND_FACTOR": "0",
}


# Commands spelt as people type them; Django's own names use underscores.
ALIASES = {"check-budget": "check_budget"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args:
        args[0] = ALIASES.get(args[0], args[0])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "values.settings")
    if args[:1] == ["demo"]:
        for name, value in DEMO_ENVIRONMENT.items():
            os.environ.setdefault(name, value)
    _provide_local_secret_key()

    from django.core.exceptions import ImproperlyConfigured  # lazy: after the environment is set
    from django.core.management import execute_from_command_line

    try:
        _read_settings()
    except ImproperlyConfigured as problem:
        # A setting the environment gets wrong: one line saying which and how to fix it, no traceback.
        print(f"values: {problem}", file=sys.stderr)
        return 2
    execute_from_command_line(["values", *args])
    return 0


def _read_settings() -> None:
    """Read the settings now, so that a bad environment variable stops the command before Django starts."""
    from django.conf import settings

    settings.INSTALLED_APPS  # noqa: B018 - reading one setting imports them all


def _provide_local_secret_key() -> None:
    """Give the embedded mode (no DATABASE_URL) its folder and a secret key of its own, under var/.

    A deployment sets SECRET_KEY itself; a person running the platform on their machine
    should not have to. The folder is the one settings.py uses (VALUES_VAR_DIR, VALUES_HOME).
    """
    if os.environ.get("DATABASE_URL"):
        return
    home = Path(os.environ.get("VALUES_HOME") or Path(__file__).resolve().parents[2])
    var_dir = Path(os.environ.get("VALUES_VAR_DIR") or home / "var")
    var_dir.mkdir(parents=True, exist_ok=True)  # where SQLite keeps the database
    if os.environ.get("SECRET_KEY") or os.environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}:
        return
    key_file = var_dir / "secret_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(50))
    os.environ["SECRET_KEY"] = key_file.read_text().strip()
