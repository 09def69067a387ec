"""Volunteers as the sign-up leaves them once confirmed, and a browser that speaks for one."""

import pytest
from django.utils import timezone

from values.network.models import Organisation
from values.volunteering.models import Volunteer


def make_volunteer(programme, email: str = "amina@example.org", **fields) -> Volunteer:
    """A confirmed volunteer near Cesena who speaks Arabic and Italian."""
    values = {
        "name": "Amina Haddad", "language": "en", "languages": ["ar", "it"], "skills": ["cooking"],
        "availability": ["2-evening", "5-morning"], "city": Organisation.objects.get(key="cesena"),
        "latitude": 44.1391, "longitude": 12.2431, "consent_text": "test consent",
        "consented_at": timezone.now(), "confirmed_at": timezone.now(),
    }  # fmt: skip
    return Volunteer.objects.create(programme=programme, email=email, **(values | fields))


def speak_as(client, volunteer: Volunteer) -> None:
    """The test client's browser followed this volunteer's personal link (see volunteering.identity)."""
    session = client.session
    session[f"volunteer:{volunteer.programme_id}"] = volunteer.pk
    session.save()


@pytest.fixture
def amina(programme) -> Volunteer:
    return make_volunteer(programme)
