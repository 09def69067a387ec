"""Good practices through the API: proposed, refused with the field named, published, found, translated
without lost updates, and hidden while proposed, by the same rules as the pages."""

import pytest

from values.knowledge.models import Practice

from .conftest import ApiClient, token_client

pytestmark = pytest.mark.django_db

BASE = "/api/v1/programmes/820885/practices/"
LIBRARY = {
    "organisation": "cesena",
    "original_language": "it",
    "title": "Volontari in biblioteca",
    "summary": "Volontari accolgono i nuovi arrivati in biblioteca.",
    "body": "Ogni sabato i **volontari** leggono con le famiglie.",
    "themes": ["A"],
    "target_groups": ["newcomers", "families"],
    "volunteers": 12,
    "period_start": "2020-03-01",
}


@pytest.fixture
def cesena_api(cesena_staff):
    return token_client(cesena_staff)


def test_a_practice_is_proposed_and_found_where_the_pages_find_it(cesena_api, programme):
    made = cesena_api.post(BASE, LIBRARY)

    assert made.status_code == 201, made.content
    practice = Practice.objects.get()
    assert made["Location"].endswith(f"{BASE}{practice.pk}/")
    body = made.json()
    assert body["title"] == {"it": "Volontari in biblioteca"}
    assert body["organisation"] == {"key": "cesena", "name": "City of Cesena"}
    assert (body["status"], body["volunteers"], body["themes"]) == ("proposed", 12, ["A"])
    assert practice.proposed_by.username == "cesena"


def test_a_proposal_is_hidden_from_the_public_and_other_cities(cesena_api, riga_staff, programme):
    practice_id = cesena_api.post(BASE, LIBRARY).json()["id"]

    assert ApiClient().get(f"{BASE}{practice_id}/").status_code == 404
    assert token_client(riga_staff).get(f"{BASE}{practice_id}/").status_code == 404
    assert ApiClient().get(BASE).json()["count"] == 0
    assert cesena_api.get(BASE).json()["count"] == 1


def test_refusals_name_each_field(cesena_api, programme):
    refused = cesena_api.post(BASE, LIBRARY | {"title": " ", "themes": ["Z"], "original_language": "xx"})

    assert refused.status_code == 422
    assert refused["Content-Type"] == "application/problem+json"
    pointers = {error["pointer"] for error in refused.json()["errors"]}
    assert pointers == {"#/themes"}  # the themes are checked first: nothing else is looked at before them
    refused = cesena_api.post(BASE, LIBRARY | {"title": " ", "original_language": "xx"})
    assert {error["pointer"] for error in refused.json()["errors"]} == {"#/title", "#/original_language"}
    refused = cesena_api.post(BASE, LIBRARY | {"volunteers": -1, "target_groups": ["aliens"]})
    assert {error["pointer"] for error in refused.json()["errors"]} == {"#/volunteers", "#/target_groups/0"}
    assert Practice.objects.count() == 0


def test_pages_follow_the_list_order_to_the_end(programme):
    """Pages read only their own rows (a sort of the keys, then the page's rows): newest first, and of two
    published at the same moment the later made first, every practice once."""
    moments = ["2020-05-01T10:00Z", "2020-06-01T10:00Z", "2020-05-01T10:00Z", "2020-04-01T10:00Z", "2020-06-01T10:00Z"]
    made = [
        Practice.objects.create(programme=programme, organisation=programme.partners.get(organisation__key="riga")
                                .organisation, original_language="en", title={"en": f"Practice {n}"},
                                status="published", published_at=moment).pk
        for n, moment in enumerate(moments)
    ]  # fmt: skip
    # By hand: June (4, then 1), May (2, then 0), April (3).
    expected = [made[4], made[1], made[2], made[0], made[3]]

    pages = [ApiClient().get(f"{BASE}?limit=2&offset={offset}").json() for offset in (0, 2, 4)]

    assert [practice["id"] for page in pages for practice in page["results"]] == expected
    assert [page["count"] for page in pages] == [5, 5, 5]
    assert pages[2]["next"] is None


def test_bad_paging_names_the_parameter(programme):
    refused = ApiClient().get(f"{BASE}?limit=0&offset=-1")

    assert refused.status_code == 422
    assert {error["parameter"] for error in refused.json()["errors"]} == {"limit", "offset"}


def test_a_body_that_is_not_json_is_a_400(cesena_api, programme):
    response = cesena_api.client.post(BASE, data="{not json", content_type="application/json",
                                      headers=cesena_api.headers)  # fmt: skip

    assert response.status_code == 400
    assert response.json()["status"] == 400


def test_one_proposes_only_from_ones_own_organisation(cesena_api, programme):
    refused = cesena_api.post(BASE, LIBRARY | {"organisation": "riga"})

    assert refused.status_code == 403
    assert "riga" in refused.json()["detail"]


def test_the_coordinator_publishes_and_then_everybody_finds_it(cesena_api, coordinator, programme):
    practice_id = cesena_api.post(BASE, LIBRARY).json()["id"]

    assert cesena_api.post(f"{BASE}{practice_id}/publish/").status_code == 403
    published = token_client(coordinator).post(f"{BASE}{practice_id}/publish/")

    assert published.status_code == 200
    assert published.json()["status"] == "published"
    found = ApiClient().get(f"{BASE}?q=biblioteca")
    assert found.json()["count"] == 1
    assert "<mark>" in found.json()["results"][0]["snippet"]
    assert ApiClient().get(f"{BASE}?q=biblioteca&theme=B").json()["count"] == 0
    assert ApiClient().get(f"{BASE}?city=riga").json()["count"] == 0
    assert ApiClient().get(f"{BASE}?city=cesena&language=it").json()["count"] == 1


def test_a_translation_saved_over_anothers_is_refused_with_the_current_one(cesena_api, programme):
    practice_id = cesena_api.post(BASE, LIBRARY).json()["id"]
    address = f"{BASE}{practice_id}/translations/en/"
    read = cesena_api.get(address)
    first_tag = read["ETag"]

    saved = cesena_api.put(address, {"title": "Volunteers in the library"}, headers={"If-Match": first_tag})
    late = cesena_api.put(address, {"title": "Library volunteers"}, headers={"If-Match": first_tag})
    unguarded = cesena_api.put(address, {"title": "Library volunteers"})

    assert saved.status_code == 200
    assert saved["ETag"] != first_tag
    assert late.status_code == 412
    assert late.json()["current"]["texts"]["title"] == "Volunteers in the library"
    assert late["ETag"] == saved["ETag"]
    assert unguarded.status_code == 428
    assert Practice.objects.get().title["en"] == "Volunteers in the library"
