"""Good practices: proposing, publishing, translations with fallback, harmless Markdown, and where shown."""

from datetime import datetime, time, timedelta
from html.parser import HTMLParser

import pytest

from values.activities.services import save_session
from values.core.markdown import render_markdown
from values.knowledge.models import Practice
from values.network.models import Organisation
from values.programme.models import Theme

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![pic](javascript:alert(1))",
    "<svg onload=alert(1)></svg>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<div onmouseover="alert(1)">hover</div>',
]


@pytest.mark.unit
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markdown_with_scripts_handlers_or_javascript_links_is_rendered_harmless(payload):
    elements = _elements(render_markdown(payload))

    assert {tag for tag, _ in elements} <= {"p", "a", "strong", "em", "code"}
    assert [name for _, attrs in elements for name, _ in attrs if name.startswith("on")] == []
    links = [value for _, attrs in elements for name, value in attrs if name in ("href", "src")]
    assert all(link.startswith(("http://", "https://", "mailto:")) for link in links)


def _elements(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every element a browser would build from the HTML, with its attributes."""
    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, [(name, value or "") for name, value in attrs]))

    Collector().feed(html)
    return found


@pytest.mark.unit
def test_ordinary_markdown_keeps_its_formatting_and_safe_links():
    html = render_markdown("**Buddies** for *newcomers*: [the guide](https://example.org/guide)")

    assert html == (
        "<p><strong>Buddies</strong> for <em>newcomers</em>: "
        '<a href="https://example.org/guide" rel="noopener noreferrer nofollow">the guide</a></p>\n'
    )


def _propose(client, **changes):
    data = {
        "organisation": "",
        "original_language": "en",
        "title": "Language café in the library",
        "summary": "Volunteers and newcomers meet weekly to talk.",
        "body": "Every **Tuesday**.",
        "results": "",
        "themes": [str(Theme.objects.get(key="C").pk)],
        "target_groups": ["newcomers"],
        "volunteers": "12",
        "period_start": "2019-05-01",
        "period_end": "",
        "contact": "cafe@example.org",
    }
    data["organisation"] = str(Organisation.objects.get(key="cesena").pk)
    data.update(changes)
    return client.post("/en/p/820885/practices/new/", data)


@pytest.mark.django_db
def test_a_proposal_is_hidden_until_the_coordinator_publishes_it(client, cesena_staff, coordinator):
    client.force_login(cesena_staff)
    proposed = _propose(client)
    practice = Practice.objects.get()
    client.logout()
    hidden = client.get(f"/en/p/820885/practices/{practice.pk}/")
    client.force_login(coordinator)
    client.post(f"/en/p/820885/practices/{practice.pk}/publish/")
    client.logout()

    shown = client.get(f"/en/p/820885/practices/{practice.pk}/")

    assert proposed.status_code == 302
    assert hidden.status_code == 404
    assert shown.status_code == 200
    assert "<strong>Tuesday</strong>" in shown.text
    assert "cafe@example.org" not in shown.text  # contacts are for signed-in readers


@pytest.mark.django_db
def test_a_missing_translation_falls_back_to_the_original_with_a_note(client, cesena_staff, coordinator):
    client.force_login(cesena_staff)
    _propose(client)
    practice = Practice.objects.get()

    untranslated = client.get(f"/it/p/820885/practices/{practice.pk}/")
    client.post(
        f"/en/p/820885/practices/{practice.pk}/translate/",
        {"language": "it", "title": "Caffè linguistico in biblioteca", "summary": "Ogni settimana.", "body": ""},
    )
    translated = client.get(f"/it/p/820885/practices/{practice.pk}/")

    assert "Language café in the library" in untranslated.text
    assert untranslated.context["translated"] is False
    assert "Caffè linguistico in biblioteca" in translated.text
    assert translated.context["translated"] is True
    assert Practice.objects.get().body == {"en": "Every **Tuesday**."}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"period_end": "2019-01-01"}, "period_end", "The period ends before it starts."),
        ({"themes": []}, "themes", "This field is required."),
    ],
)
def test_a_bad_proposal_shows_the_form_again_and_saves_nothing(client, cesena_staff, changes, field, message):
    client.force_login(cesena_staff)

    response = _propose(client, **changes)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert Practice.objects.count() == 0


@pytest.mark.django_db
def test_a_volunteer_does_not_propose(client, volunteer):
    client.force_login(volunteer)

    assert client.get("/en/p/820885/practices/new/").status_code == 403


@pytest.mark.django_db
def test_a_practice_shown_in_a_session_lists_the_visit(client, cesena_visit, cesena_staff, coordinator):
    client.force_login(cesena_staff)
    _propose(client)
    practice = Practice.objects.get()
    client.force_login(coordinator)
    client.post(f"/en/p/820885/practices/{practice.pk}/publish/")
    starts = datetime.combine(cesena_visit.start, time(10), tzinfo=cesena_visit.time_zone)
    save_session(cesena_visit, kind="site_visit", title="Visit the café", starts_at=starts,
                 ends_at=starts + timedelta(hours=1), practice=practice)  # fmt: skip

    practice_page = client.get(f"/en/p/820885/practices/{practice.pk}/")
    visit_page = client.get(f"/en/p/820885/activities/{cesena_visit.pk}/")

    assert [a.pk for a in practice_page.context["shown_in"]] == [cesena_visit.pk]
    assert f'href="/en/p/820885/practices/{practice.pk}/"' in visit_page.text
