import threading
import time

from django.conf import settings
from django.core.management import BaseCommand, call_command

from values.env import env_int

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
REDIS_BACKEND = "django_tasks_redis.RedisTaskBackend"


class Command(BaseCommand):
    help = "Run the background worker of the configured task backend (database or Redis)."

    def handle(self, *args, **options) -> None:
        _start_reminder_clock()
        _start_toolkit_clock()
        backend = settings.TASKS["default"]["BACKEND"]
        if backend == DATABASE_BACKEND:
            call_command("db_worker", "--interval", "0.5", "--no-reload")
        elif backend == REDIS_BACKEND:
            call_command("run_redis_tasks", "--continuous")
        else:
            self.stderr.write(f"The task backend {backend} runs tasks itself; there is no worker to start.")


def _start_reminder_clock() -> None:
    """Queue the reminders task every REMINDER_INTERVAL_MINUTES (0: never) while the worker runs.

    Several workers may each queue it: reminders are keyed, so none is sent twice.
    """
    minutes = env_int("REMINDER_INTERVAL_MINUTES", 60)
    if minutes <= 0:
        return

    def tick() -> None:
        from values.reports.tasks import send_reminders  # lazy: Django is set up by now

        while True:
            send_reminders.enqueue()
            time.sleep(minutes * 60)

    threading.Thread(target=tick, name="reminder-clock", daemon=True).start()


def _start_toolkit_clock() -> None:
    """Every TOOLKIT_REFRESH_MINUTES (0: never), queue new editions of the toolkits whose sources changed.

    Comparing fingerprints of the sources catches every change, whichever app or command made it.
    Several workers may each run it: a toolkit already queued or being built is not queued again.
    """
    minutes = env_int("TOOLKIT_REFRESH_MINUTES", 2)
    if minutes <= 0:
        return

    def tick() -> None:
        from values.publishing.tasks import refresh_toolkits_task  # lazy: Django is set up by now

        while True:
            refresh_toolkits_task.enqueue()
            time.sleep(minutes * 60)

    threading.Thread(target=tick, name="toolkit-clock", daemon=True).start()
