"""The certificate: approved hours per opportunity and in total, the training attended, in the volunteer's
language, for the current volunteer only."""

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from pypdf import PdfReader

from tests.volunteering.conftest import make_volunteer, speak_as
from tests.volunteering.test_services import offer
from values.network.models import Organisation
from values.volunteering.certificates import certificate_of, certificate_pdf, hours_and_minutes
from values.volunteering.enums import CommitmentStatus
from values.volunteering.hours import decide_hours, log_hours
from values.volunteering.models import Commitment, TrainingSeat, TrainingSession
from values.volunteering.services import publish_opportunity

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")
NOW = datetime(2020, 7, 1, 12, tzinfo=ROME)


def pdf_text(content: bytes) -> str:
    """The PDF's text on one line, whitespace collapsed."""
    pages = PdfReader(io.BytesIO(content)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2020, month, day, hour, minute, tzinfo=ROME)


def give(opportunity, volunteer, starts_at, ends_at, decision: str) -> None:
    entry = log_hours(opportunity, volunteer=volunteer, starts_at=starts_at, ends_at=ends_at, now=NOW)
    decide_hours(entry, decision=decision, seen_status="logged", by=None)


def session(programme, title: str, day: int) -> TrainingSession:
    return TrainingSession.objects.create(
        programme=programme, organisation=Organisation.objects.get(key="cesena"), original_language="en",
        title={"en": title, "it": f"{title} (it)"}, starts_at=at(5, day, 9), ends_at=at(5, day, 13), places=20,
    )  # fmt: skip


@pytest.fixture
def history(programme, amina):
    """Amina gave 2 h 30 (approved) and 1 h 15 (approved) to the café, and 3 h (rejected) to the walks; she
    attended one training session and missed another."""
    cafe = publish_opportunity(offer(programme, title="Language café"), by=None)
    walks = publish_opportunity(offer(programme, title="Welcome walks"), by=None)
    for opportunity in (cafe, walks):
        Commitment.objects.create(volunteer=amina, opportunity=opportunity, status=CommitmentStatus.ACCEPTED)
    give(cafe, amina, at(3, 10, 18), at(3, 10, 20, 30), "approve")
    give(cafe, amina, at(4, 14, 18), at(4, 14, 19, 15), "approve")
    give(walks, amina, at(3, 12, 9), at(3, 12, 12), "reject")
    TrainingSeat.objects.create(session=session(programme, "Listening to newcomers", 5), volunteer=amina,
                                attended=True)  # fmt: skip
    TrainingSeat.objects.create(session=session(programme, "First aid", 6), volunteer=amina, attended=False)
    return amina


@pytest.mark.parametrize(("minutes", "text"), [(0, "0 h 00 min"), (225, "3 h 45 min"), (60 * 100 + 5, "100 h 05 min")])
def test_minutes_are_written_as_hours_and_minutes(minutes, text):
    assert hours_and_minutes(minutes) == text


def test_the_certificate_sums_approved_hours_only(history):
    certificate = certificate_of(history, today=date(2020, 7, 1))

    assert [(o.title, o.organisation, o.city, o.first, o.last, o.minutes) for o in certificate.opportunities] == [
        ("Language café", "City of Cesena", "Cesena", date(2020, 3, 10), date(2020, 4, 14), 225)
    ]
    assert [(t.title, t.day) for t in certificate.training] == [("Listening to newcomers", date(2020, 5, 5))]
    assert certificate.total == "3 h 45 min"


def test_the_pdf_states_the_volunteer_the_hours_the_training_and_the_total(history):
    text = pdf_text(certificate_pdf(history, today=date(2020, 7, 1)))

    assert "Amina Haddad" in text
    assert "Language café" in text
    assert "10 March 2020 – 14 April 2020" in text
    assert "Listening to newcomers · 5 May 2020" in text
    assert "Total approved hours: 3 h 45 min" in text
    assert "Issued on 1 July 2020." in text
    assert "Welcome walks" not in text
    assert "First aid" not in text


def test_the_pdf_is_in_the_volunteers_language(history):
    history.language = "it"
    history.save(update_fields=["language"])

    text = pdf_text(certificate_pdf(history, today=date(2020, 7, 1)))

    assert "Listening to newcomers (it) · 5 Maggio 2020" in text
    assert "Rilasciato il 1 Luglio 2020." in text


def test_the_current_volunteer_downloads_their_certificate(client, history):
    speak_as(client, history)

    response = client.get("/en/p/820885/volunteer/me/certificate.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Total approved hours: 3 h 45 min" in pdf_text(response.content)


def test_without_a_current_volunteer_there_is_no_certificate(client, programme, history, cesena_staff):
    anonymous = client.get("/en/p/820885/volunteer/me/certificate.pdf")
    client.force_login(cesena_staff)
    staff = client.get("/en/p/820885/volunteer/me/certificate.pdf")

    assert (anonymous.status_code, staff.status_code) == (403, 403)


def test_a_volunteer_without_hours_gets_a_certificate_saying_so(client, programme):
    omar = make_volunteer(programme, "omar@example.org", name="Omar Said")
    speak_as(client, omar)

    text = pdf_text(client.get("/en/p/820885/volunteer/me/certificate.pdf").content)

    assert "No approved hours yet." in text
    assert "Total approved hours: 0 h 00 min" in text


def certificate_html_direction(volunteer) -> str:
    with translation.override(volunteer.language):
        html = render_to_string("volunteering/certificate_pdf.html", {"certificate": certificate_of(volunteer)})
    return re.search(r'<html lang="[a-z]+" dir="(\w+)">', html).group(1)


def embedded_fonts(pdf: bytes) -> set[str]:
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return fonts


@pytest.mark.parametrize(
    ("language", "script", "font"),
    [("ti", re.compile("[\u1200-\u137f]"), "Abyssinica-SIL"), ("ar", re.compile("[\u0600-\u06ff]"), "DejaVu-Sans")],
)
def test_the_pdf_in_a_newcomers_language_is_written_in_its_script_with_a_font_that_has_it(
    history, language, script, font
):
    history.language = language
    history.save(update_fields=["language"])

    pdf = certificate_pdf(history, today=date(2020, 7, 1))

    assert script.search(pdf_text(pdf))
    assert any(name.startswith(font) for name in embedded_fonts(pdf))
    assert certificate_html_direction(history) == ("rtl" if language == "ar" else "ltr")
