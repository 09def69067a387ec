"""E-mail reminders of upcoming activities and report deadlines, each sent once only.

A reminder's key names what it is about (for an activity, with its revision, so that a moved
activity is announced again); the key is unique in the database, which makes a second run,
or two workers at once, send nothing twice.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from values.activities.enums import ParticipantStatus
from values.activities.models import Activity, Participant
from values.core.languages import long_date
from values.network.models import User
from values.network.services import language_of
from values.network.tasks import send_email
from values.reports.enums import ReportStatus
from values.reports.models import ReportRequest, SentReminder
from values.reports.services import expected_authors

ACTIVITY_NOTICE_DAYS = 7
REPORT_NOTICE_DAYS = 3


@dataclass(frozen=True)
class Reminder:
    key: str
    user: User
    subject: str
    body: str


def due_reminders(today: date) -> list[Reminder]:
    return [*_activity_reminders(today), *_report_reminders(today)]


def _activity_reminders(today: date) -> list[Reminder]:
    soon = Activity.objects.filter(start__gte=today, start__lte=today + timedelta(days=ACTIVITY_NOTICE_DAYS))
    participants = Participant.objects.filter(activity__in=soon).exclude(status=ParticipantStatus.DECLINED)
    reminders = []
    for participant in participants.select_related("user", "activity__host__city"):
        activity = participant.activity
        place = activity.venue or str(activity.host)
        with translation.override(language_of(participant.user)):
            reminders.append(
                Reminder(
                    key=f"activity-{activity.pk}-r{activity.sequence}-user-{participant.user_id}",
                    user=participant.user,
                    subject=_("Soon: %(activity)s on %(date)s")
                    % {"activity": activity, "date": long_date(activity.start)},
                    body=_("You take part in %(activity)s, from %(start)s to %(end)s at %(place)s.")
                    % {
                        "activity": activity,
                        "start": long_date(activity.start),
                        "end": long_date(activity.end),
                        "place": place,
                    },
                )
            )
    return reminders


def _report_reminders(today: date) -> list[Reminder]:
    requests = ReportRequest.objects.filter(due__gte=today, due__lte=today + timedelta(days=REPORT_NOTICE_DAYS))
    reminders = []
    for request in requests.select_related("activity__host", "template"):
        owing = expected_authors(request.activity).exclude(
            report__status__in=(ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
        )
        for participant in owing.select_related("user"):
            with translation.override(language_of(participant.user)):
                due = long_date(request.due)
                reminders.append(
                    Reminder(
                        key=f"report-{request.pk}-due-{request.due.isoformat()}-user-{participant.user_id}",
                        user=participant.user,
                        subject=_("Your report is due on %(date)s") % {"date": due},
                        body=_("Please submit your report “%(template)s” on %(activity)s by %(date)s.")
                        % {"template": request.template, "activity": request.activity, "date": due},
                    )
                )
    return reminders


def send_due_reminders(today: date) -> int:
    """Queue the e-mail of every reminder not sent before; returns how many were queued."""
    sent = 0
    for reminder in due_reminders(today):
        if not reminder.user.email or not reminder.user.is_active:
            continue
        try:
            with transaction.atomic():
                SentReminder.objects.create(key=reminder.key, user=reminder.user)
                transaction.on_commit(
                    lambda r=reminder: send_email.enqueue(subject=r.subject, body=r.body, to=[r.user.email])
                )
        except IntegrityError:
            continue  # sent before, by this run's predecessor or by another worker
        sent += 1
    return sent
