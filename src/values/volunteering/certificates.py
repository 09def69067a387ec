"""A volunteer's certificate: the opportunities they gave approved hours to, the training sessions they attended
and their total approved hours, as a PDF in their language (WeasyPrint through core.pdf)."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Max, Min, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from values.core.pdf import html_to_pdf
from values.core.text import pick
from values.volunteering.enums import HoursStatus
from values.volunteering.models import Opportunity, TrainingSeat, Volunteer


def hours_and_minutes(minutes: int) -> str:
    """Minutes as the certificate writes them: "3 h 45 min" (in the active language)."""
    return _("%(hours)d h %(minutes)02d min") % {"hours": minutes // 60, "minutes": minutes % 60}


@dataclass(frozen=True)
class CertifiedOpportunity:
    title: str
    organisation: str
    city: str
    first: date
    last: date
    minutes: int

    @property
    def hours(self) -> str:
        return hours_and_minutes(self.minutes)


@dataclass(frozen=True)
class AttendedTraining:
    title: str
    day: date


@dataclass(frozen=True)
class Certificate:
    name: str
    programme: str
    opportunities: list[CertifiedOpportunity]
    training: list[AttendedTraining]
    total_minutes: int
    issued: date

    @property
    def total(self) -> str:
        return hours_and_minutes(self.total_minutes)


def certificate_of(volunteer: Volunteer, *, today: date | None = None) -> Certificate:
    """What the certificate states, with texts in the active language: each opportunity with approved hours (the
    first and last day of those hours, in the city's time), each training session attended, the sum."""
    language = translation.get_language()
    approved = volunteer.hours.filter(status=HoursStatus.APPROVED)
    sums = {
        row["opportunity"]: row
        for row in approved.values("opportunity").annotate(
            minutes=Sum("approved_minutes"), first=Min("starts_at"), last=Max("ends_at")
        )
    }
    opportunities = Opportunity.objects.filter(pk__in=sums).select_related("city__city", "organisation").order_by("pk")
    certified = []
    for opportunity in opportunities:
        row, zone = sums[opportunity.pk], opportunity.time_zone
        certified.append(
            CertifiedOpportunity(
                title=pick(opportunity.title, language),
                organisation=pick(opportunity.organisation.name, language),
                city=opportunity.city.city.name,
                first=row["first"].astimezone(zone).date(),
                last=row["last"].astimezone(zone).date(),
                minutes=row["minutes"] or 0,
            )
        )
    certified.sort(key=lambda item: (item.first, item.title))
    seats = TrainingSeat.objects.filter(volunteer=volunteer, attended=True).select_related("session")
    training = [
        AttendedTraining(pick(seat.session.title, language), timezone.localdate(seat.session.starts_at))
        for seat in seats.order_by("session__starts_at", "pk")
    ]
    return Certificate(
        name=volunteer.name, programme=pick(volunteer.programme.title, language), opportunities=certified,
        training=training, total_minutes=sum(item.minutes for item in certified),
        issued=today or timezone.localdate(),
    )  # fmt: skip


def certificate_language(volunteer: Volunteer) -> str:
    return volunteer.language if volunteer.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def certificate_pdf(volunteer: Volunteer, *, today: date | None = None) -> bytes:
    """The certificate as a tagged PDF, in the volunteer's language (English when the site has not theirs)."""
    with translation.override(certificate_language(volunteer)):
        certificate = certificate_of(volunteer, today=today)
        html = render_to_string("volunteering/certificate_pdf.html", {"certificate": certificate})
    return html_to_pdf(html)
