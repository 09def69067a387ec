from django.conf import settings
from django.core.management import BaseCommand, call_command

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
REDIS_BACKEND = "django_tasks_redis.RedisTaskBackend"


class Command(BaseCommand):
    help = "Run the background worker of the configured task backend (database or Redis)."

    def handle(self, *args, **options) -> None:
        backend = settings.TASKS["default"]["BACKEND"]
        if backend == DATABASE_BACKEND:
            call_command("db_worker", "--interval", "0.5", "--no-reload")
        elif backend == REDIS_BACKEND:
            call_command("run_redis_tasks", "--continuous")
        else:
            self.stderr.write(f"The task backend {backend} runs tasks itself; there is no worker to start.")
