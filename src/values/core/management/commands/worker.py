import threading
import time

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.utils.module_loading import import_string

from values.env import env_int

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
REDIS_BACKEND = "django_tasks_redis.RedisTaskBackend"


class Command(BaseCommand):
    help = "Run the background worker of the configured task backend (database or Redis)."

    def handle(self, *args, **options) -> None:
        _start_clock("reminder-clock", "REMINDER_INTERVAL_MINUTES", 60, "values.reports.tasks.send_reminders")
        # Comparing fingerprints of the sources catches every change, whichever app or command made it.
        _start_clock("toolkit-clock", "TOOLKIT_REFRESH_MINUTES", 2, "values.publishing.tasks.refresh_toolkits_task")
        # A run whose worker died (a restart, a crash) would otherwise say "running" for ever.
        _start_clock("plan-run-clock", "PLAN_RUN_CHECK_MINUTES", 10, "values.planning.tasks.end_abandoned_runs_task")
        # Unconfirmed sign-ups must vanish after a week, inactive volunteers be anonymised (issue #15).
        _start_clock(
            "volunteer-data-clock", "VOLUNTEER_DATA_MINUTES", 60, "values.volunteering.tasks.tend_volunteer_data"
        )
        # Tomorrow's shifts, in each city's time: a booking remembers its reminder, so none goes twice.
        _start_clock("shift-clock", "SHIFT_REMINDER_MINUTES", 60, "values.volunteering.tasks.send_shift_reminders")
        backend = settings.TASKS["default"]["BACKEND"]
        if backend == DATABASE_BACKEND:
            call_command("db_worker", "--interval", "0.5", "--no-reload")
        elif backend == REDIS_BACKEND:
            call_command("run_redis_tasks", "--continuous")
        else:
            self.stderr.write(f"The task backend {backend} runs tasks itself; there is no worker to start.")


def _start_clock(name: str, setting: str, default_minutes: int, task_path: str) -> None:
    """Queue the task at `task_path` now and every `setting` minutes (0: never) while the worker runs.

    Several workers may each run the clocks: reminders are keyed, so none is sent twice, and a toolkit
    already queued or being built is not queued again.
    """
    minutes = env_int(setting, default_minutes)
    if minutes <= 0:
        return

    def tick() -> None:
        task = import_string(task_path)  # lazy: Django is set up by now
        while True:
            task.enqueue()
            time.sleep(minutes * 60)

    threading.Thread(target=tick, name=name, daemon=True).start()
