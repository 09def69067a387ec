import os
import sys

from django.core.management import BaseCommand

from values.env import env_int, env_str


class Command(BaseCommand):
    help = "Serve the web app with gunicorn (static files by WhiteNoise)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default=env_str("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=env_int("PORT", 8000))
        parser.add_argument("--workers", type=int, default=env_int("WEB_CONCURRENCY", 2))

    def handle(self, *args, host: str, port: int, workers: int, **options) -> None:
        command = [
            sys.executable, "-m", "gunicorn", "values.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", "4",
            "--access-logfile", "-", "--graceful-timeout", "5",
        ]  # fmt: skip
        os.execv(sys.executable, command)
