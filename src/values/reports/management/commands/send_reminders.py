from django.core.management import BaseCommand
from django.utils import timezone

from values.reports.reminders import send_due_reminders
from values.reports.tasks import send_reminders


class Command(BaseCommand):
    help = "Send the reminders due today (upcoming activities, report deadlines), each only once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--queue", action="store_true", help="queue the task for the worker instead")

    def handle(self, *args, queue: bool, **options) -> None:
        if queue:
            send_reminders.enqueue()
            self.stdout.write("Queued the reminders task.")
            return
        count = send_due_reminders(timezone.localdate())
        self.stdout.write(f"Queued {count} reminder e-mail(s).")
