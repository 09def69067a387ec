"""Who gets what from the pages of shifts and hours when the browser speaks for a volunteer (the permission matrix
asks them as people for whom it speaks for none): a volunteer reaches their own pages, never the organisation's,
and a draft's pages do not exist for them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.volunteering.conftest import make_volunteer, speak_as
from tests.volunteering.test_services import offer
from values.volunteering.models import Shift
from values.volunteering.services import publish_opportunity

pytestmark = pytest.mark.django_db
BASE = "/en/p/820885/volunteer/"


@pytest.fixture
def world(programme, amina):
    published = publish_opportunity(offer(programme, end_date=None), by=None)
    draft = offer(programme, title="Draft café", end_date=None)
    start = timezone.now() + timedelta(days=3)
    shifts = {
        which: Shift.objects.create(opportunity=o, starts_at=start, ends_at=start + timedelta(hours=2), places=5)
        for which, o in (("published", published), ("draft", draft))
    }
    return {"published": published, "draft": draft, "shifts": shifts}


def answers(client, world) -> dict[str, int]:
    published, draft, shifts = world["published"], world["draft"], world["shifts"]
    return {
        "take published": client.post(f"{BASE}{published.pk}/shifts/{shifts['published'].pk}/take/").status_code,
        "cancel published": client.post(f"{BASE}{published.pk}/shifts/{shifts['published'].pk}/cancel/").status_code,
        "take draft": client.post(f"{BASE}{draft.pk}/shifts/{shifts['draft'].pk}/take/").status_code,
        "take draft's shift under published": client.post(
            f"{BASE}{published.pk}/shifts/{shifts['draft'].pk}/take/"
        ).status_code,
        "hours log published": client.get(f"{BASE}{published.pk}/hours/log/").status_code,
        "hours log draft": client.get(f"{BASE}{draft.pk}/hours/log/").status_code,
        "organisation's hours": client.get(f"{BASE}{published.pk}/hours/").status_code,
        "certificate": client.get(f"{BASE}me/certificate.pdf").status_code,
    }


def test_a_volunteer_reaches_their_own_pages_only(client, world, amina):
    speak_as(client, amina)

    assert answers(client, world) == {
        "take published": 302,  # taken (then cancelled by the next request)
        "cancel published": 302,
        "take draft": 404,
        "take draft's shift under published": 404,
        "hours log published": 200,
        "hours log draft": 404,
        "organisation's hours": 302,  # to the sign-in: a volunteer needs no account, the organisation does
        "certificate": 200,
    }


def test_a_volunteer_with_an_account_is_not_the_organisation(client, world, programme, volunteer):
    make_volunteer(programme, "omar@example.org", user=volunteer)  # the account's own volunteer
    client.force_login(volunteer)

    result = answers(client, world)

    assert result["take published"] == 302
    assert result["organisation's hours"] == 403
    assert result["certificate"] == 200


def test_an_unconfirmed_or_anonymised_volunteer_is_nobody(client, world, programme):
    unconfirmed = make_volunteer(programme, "new@example.org", confirmed_at=None)
    speak_as(client, unconfirmed)

    result = answers(client, world)

    assert (result["take published"], result["hours log published"], result["certificate"]) == (403, 403, 403)
