from django.tasks import task


@task
def send_shift_reminders() -> int:
    """E-mail the volunteers of tomorrow's shifts (each booking once); the worker queues this hourly."""
    from values.volunteering.reminders import send_shift_reminders_now  # lazy: keeps task discovery light

    return send_shift_reminders_now()
