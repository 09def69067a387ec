"""A whole story only through the API — a city proposes a practice, the coordinator publishes it, anybody finds
it and downloads it as open data — compared with the same story told through the services the pages call."""

import io
import json
import zipfile

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import RequestFactory

from values.api.opendata import Source, practices_table
from values.knowledge.models import Practice
from values.knowledge.queries import practices_visible_to, ranked_practices
from values.knowledge.services import publish_practice, save_practice
from values.network.models import Organisation
from values.programme.addresses import programme_addresses
from values.programme.models import Programme

from .conftest import ApiClient, token_client

pytestmark = pytest.mark.django_db

VALUES = "/api/v1/programmes/820885/"
LIBRARY = {
    "organisation": "cesena", "original_language": "it", "title": "Volontari in biblioteca",
    "summary": "Volontari accolgono i nuovi arrivati in biblioteca.", "body": "Ogni sabato si legge insieme.",
    "themes": ["B"], "target_groups": ["newcomers", "families"], "volunteers": 12, "period_start": "2020-03-01",
}  # fmt: skip
# What a practice is, as found and as exported, without what differs between two tellings (ids, clocks, links).
STABLE = ("organisation", "organisation_name", "country", "original_language", "title", "summary", "themes",
          "target_groups")  # fmt: skip


def through_the_api(cesena_staff, coordinator) -> dict:
    made = token_client(cesena_staff).post(f"{VALUES}practices/", LIBRARY)
    assert made.status_code == 201, made.content
    practice_id = made.json()["id"]
    assert token_client(coordinator).post(f"{VALUES}practices/{practice_id}/publish/").status_code == 200
    found = ApiClient().get(f"{VALUES}practices/?q=biblioteca").json()
    exported = ApiClient().get(f"{VALUES}open-data/practices.json").json()
    archive = zipfile.ZipFile(io.BytesIO(ApiClient().get(f"{VALUES}open-data.zip").content))
    assert json.loads(archive.read("practices.json")) == exported
    return {
        "found": [(hit["id"] == practice_id, hit["title"]) for hit in found["results"]],
        "exported": [{name: row[name] for name in STABLE} for row in exported],
    }


def through_the_services(cesena_staff, coordinator) -> dict:
    programme = Programme.objects.get(code="820885")
    practice = save_practice(
        programme, organisation=Organisation.objects.get(key="cesena"), by=cesena_staff, original_language="it",
        texts={name: LIBRARY[name] for name in ("title", "summary", "body")},
        themes=list(programme.themes.filter(key="B")), target_groups=["newcomers", "families"], volunteers=12,
        period_start=Practice._meta.get_field("period_start").to_python("2020-03-01"),
    )  # fmt: skip
    publish_practice(practice, by=coordinator)
    found = ranked_practices(practices_visible_to(AnonymousUser(), programme), "biblioteca")
    with programme_addresses(programme):
        table = practices_table(Source(RequestFactory().get("/"), programme))
    exported = json.loads(json.dumps(table.records, default=str))
    return {
        "found": [(result.practice.pk == practice.pk, result.practice.title) for result in found],
        "exported": [{name: row[name] for name in STABLE} for row in exported],
    }


def test_the_same_story_through_the_api_and_through_the_services(programme, cesena_staff, coordinator):
    with transaction.atomic():
        by_api = through_the_api(cesena_staff, coordinator)
        transaction.set_rollback(True)
    assert not Practice.objects.exists()

    by_services = through_the_services(cesena_staff, coordinator)

    assert by_api == by_services
    assert by_api["found"] == [(True, {"it": "Volontari in biblioteca"})]
    assert by_api["exported"] == [{
        "organisation": "cesena", "organisation_name": "City of Cesena", "country": "IT", "original_language": "it",
        "title": {"it": "Volontari in biblioteca"}, "summary": {"it": LIBRARY["summary"]}, "themes": ["B"],
        "target_groups": ["newcomers", "families"],
    }]  # fmt: skip
