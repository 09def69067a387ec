from django.tasks import task
from django.utils import timezone


@task
def send_reminders() -> int:
    """Send the reminders that are due today (each only once); the worker queues this hourly."""
    from values.reports.reminders import send_due_reminders  # lazy: keeps task discovery light

    return send_due_reminders(timezone.localdate())
