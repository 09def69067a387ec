from django.core.mail import send_mail
from django.tasks import task


@task
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    """Deliver one e-mail with the configured backend; returns the number sent."""
    return send_mail(subject, body, None, to)
