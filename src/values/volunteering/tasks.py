from django.tasks import task

from values.volunteering.volunteers import anonymise_inactive, purge_unconfirmed


@task
def tend_volunteer_data() -> dict[str, int]:
    """The retention rules, run by the worker's clock: unconfirmed sign-ups go after a week, and volunteers
    inactive past the retention period become counts."""
    return {"purged": purge_unconfirmed(), "anonymised": anonymise_inactive()}


@task
def send_shift_reminders() -> int:
    """E-mail the volunteers of tomorrow's shifts (each booking once); the worker queues this hourly."""
    from values.volunteering.reminders import send_shift_reminders_now  # lazy: keeps task discovery light

    return send_shift_reminders_now()
