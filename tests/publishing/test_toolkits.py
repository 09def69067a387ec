"""Integrating Cities toolkits: what they compile (and what they never show), their PDF, their builds."""

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from tests.conftest import make_member
from tests.core.test_uploads import photo_bytes
from values.actionplans.enums import ActionStatus, PlanStatus, Section
from values.actionplans.models import Action, ActionPlan, SectionRevision
from values.activities.enums import ParticipantStatus
from values.activities.models import Exchange, Participant
from values.knowledge.models import BenchmarkStandard
from values.knowledge.services import add_photo, publish_practice, record_self_assessment, save_practice
from values.network.enums import Role
from values.network.models import Organisation
from values.programme.models import Theme
from values.publishing.enums import ToolkitStatus
from values.publishing.models import Toolkit
from values.publishing.services import (
    build_toolkit,
    ensure_toolkits,
    refresh_stale_toolkits,
    request_build,
    toolkit_languages,
)
from values.publishing.toolkits import compile_all_toolkits, compile_toolkit
from values.reports.enums import QuestionKind, ReportStatus
from values.reports.models import Question, Report, ReportRequest, ReportTemplate

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# data/benchmarks.yaml, standard A1, level 3 (the level above where the cities stand in these tests).
A1_LEVEL_3_EN = (
    "An action plan co-designed with volunteer organisations and migrant associations is adopted, "
    "with named responsibilities and a timeline."
)
A1_LEVEL_3_IT_START = "È adottato un piano d'azione co-progettato"
LESSON = "Pair each newcomer with a volunteer buddy from the first week."


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def benchmarks(programme):
    call_command("load_benchmarks", str(ROOT / "data" / "benchmarks.yaml"), stdout=io.StringIO())


def _practice(staff, key: str, title: str, theme: str, *, published: bool = True, photo: bool = False):
    practice = save_practice(
        Organisation.objects.get(key=key).partnerships.get().programme, organisation=Organisation.objects.get(key=key),
        by=staff, original_language="en", texts={"title": title, "summary": f"{title}: the summary.",
        "body": "Volunteers **meet** newcomers <script>alert(1)</script>\n\n## How it works\n\nTogether."},
        themes=[Theme.objects.get(key=theme)], volunteers=12, target_groups=["newcomers"],
    )  # fmt: skip
    if photo:
        image = SimpleUploadedFile("cafe.jpg", photo_bytes(size=(400, 300)), content_type="image/jpeg")
        add_photo(practice, image=image, alt_text="Volunteers serve coffee", caption="The café", by=staff)
    return publish_practice(practice) if published else practice


def _assess(key: str, scores: list[int]) -> None:
    """One self-assessment of standard A1 per score, a day apart: the first and the latest count."""
    standard = BenchmarkStandard.objects.get(key="A1")
    for day, score in enumerate(scores, start=1):
        record_self_assessment(
            Organisation.objects.get(key=key), scores={standard: (score, "")}, on=date(2020, 1, day), by=None
        )


def test_a_theme_toolkit_recommends_the_level_above_where_the_cities_stand(benchmarks):
    _assess("cesena", [1, 3])
    _assess("riga", [2, 2])
    _assess("turin", [2])

    chapter = compile_toolkit(benchmarks_programme(), Theme.objects.get(key="A"), "en").chapters[0]
    a1 = next(entry for entry in chapter.standards if entry.key == "A1")

    # First levels 1, 2, 2 and latest 3, 2, 2: means 1.7 and 2.3; most stand at 2, so level 3 is next.
    assert (a1.cities, a1.first_mean, a1.latest_mean, a1.next_level) == (3, "1.7", "2.3", 3)
    assert a1.next_step == A1_LEVEL_3_EN
    assert [entry.key for entry in chapter.standards] == ["A1", "A2", "A3", "A4"]
    assert chapter.chart is not None
    assert "from 1.7 to 2.3" in chapter.chart.alt
    italian = compile_toolkit(benchmarks_programme(), Theme.objects.get(key="A"), "it").chapters[0]
    assert italian.standards[0].next_step.startswith(A1_LEVEL_3_IT_START)


def benchmarks_programme():
    return Theme.objects.get(key="A").programme


@pytest.fixture
def theme_b_sources(accepted_plan, cesena_staff, riga_staff, media_root):
    """Theme B, the theme of Cesena's community: a practice, a plan and an exchange report, each public or not."""
    _practice(cesena_staff, "cesena", "Welcome café", "B", photo=True)
    _practice(cesena_staff, "cesena", "Secret draft idea", "B", published=False)
    programme = accepted_plan.programme
    cesena = Organisation.objects.get(key="cesena")
    public = ActionPlan.objects.create(
        programme=programme, organisation=cesena, status=PlanStatus.ADOPTED, published=True
    )
    SectionRevision.objects.create(
        plan=public, section=Section.OBJECTIVES, number=1, text="Train 40 volunteer mentors."
    )
    for title, status in (("Mentor training course", ActionStatus.IN_PROGRESS), ("Later idea", ActionStatus.PLANNED)):
        Action.objects.create(
            plan=public, title=title, owner=cesena, start=date(2020, 1, 1), end=date(2020, 12, 31),
            unit="mentors trained", target=Decimal(40), current=Decimal(12), status=status,
        )  # fmt: skip
    riga = Organisation.objects.get(key="riga")
    hidden = ActionPlan.objects.create(programme=programme, organisation=riga, status=PlanStatus.ADOPTED)
    SectionRevision.objects.create(plan=hidden, section=Section.OBJECTIVES, number=1, text="Riga's unpublished aims.")
    _reports(programme)
    return programme


def _reports(programme) -> None:
    exchange = Exchange.objects.filter(pair__community__theme__key="B").order_by("start", "pk").first()
    template = ReportTemplate.objects.create(programme=programme, title="Exchange report")
    question = Question.objects.create(
        template=template, kind=QuestionKind.LONG_TEXT, text="What will you take home?", quotable=True
    )
    private = Question.objects.create(template=template, kind=QuestionKind.LONG_TEXT, text="How was your host?")
    request = ReportRequest.objects.create(activity=exchange, template=template, due=exchange.end)
    for username, status, answer in (
        ("visitor_one", ReportStatus.ACCEPTED, LESSON),
        ("visitor_two", ReportStatus.RETURNED, "A draft lesson still being rewritten."),
    ):
        user = make_member(username, exchange.guest.key, Role.VOLUNTEER_LEADER)
        user.first_name, user.last_name = "Ilze", "Bērziņa"
        user.save()
        participant = Participant.objects.create(
            activity=exchange, user=user, organisation=exchange.guest, status=ParticipantStatus.CONFIRMED
        )
        answers = {str(question.pk): answer, str(private.pk): "Our host family was kind but the room was cold."}
        Report.objects.create(request=request, participant=participant, status=status, answers=answers)


def test_a_theme_toolkit_compiles_only_what_the_public_may_read(theme_b_sources):
    content = compile_toolkit(theme_b_sources, Theme.objects.get(key="B"), "en")
    chapter = content.chapters[0]

    assert {"Cesena", "Düsseldorf", "Rīga", "Toulouse"} <= set(chapter.cities)
    assert [entry.title for entry in chapter.practices] == ["Welcome café"]
    assert chapter.practices[0].photos[0].alt == "Volunteers serve coffee"
    assert "<script" not in chapter.practices[0].body_html
    assert "<h5>How it works</h5>" in chapter.practices[0].body_html  # under the practice's own h4
    assert [(h.city, h.objectives) for h in chapter.highlights] == [("City of Cesena", "Train 40 volunteer mentors.")]
    assert [(a.title, a.indicator) for a in chapter.highlights[0].actions] == [
        ("Mentor training course", "12 of 40 mentors trained")
    ]
    assert [lesson.text for lesson in chapter.lessons] == [LESSON]
    assert "Bērziņa" not in chapter.lessons[0].source
    assert "visitor_one" not in chapter.lessons[0].source
    # One practice, one plan and one lesson on theme B: the overview says so, and its chart draws it.
    assert content.overview.alt.endswith(
        "B. Innovative volunteering activities in integration: good practices 1, action-plan highlights 1, "
        "lessons from exchanges 1."
    )
    assert content.overview.svg.count("<rect") == 1 + 3 + 3  # the background, three bars, three legend keys
    assert dict(content.figures) == {
        "Benchmark standards": 0, "Good practices": 1, "Action-plan highlights": 1, "Lessons from exchanges": 1,
    }  # fmt: skip


def _pdf_text(data: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages)), reader


def test_the_pdf_edition_has_a_cover_contents_with_page_numbers_and_the_photos(theme_b_sources):
    toolkit = ensure_toolkits(theme_b_sources, Theme.objects.get(key="B"))[0]

    built = build_toolkit(toolkit)

    assert built.status == ToolkitStatus.READY
    assert built.progress == 100
    text, reader = _pdf_text(built.pdf.read())
    assert built.pages == len(reader.pages) >= 3
    assert reader.pages[0].extract_text().startswith("VALUES")
    assert "Integrating Cities toolkit" in reader.pages[0].extract_text()
    assert "Contents" in reader.pages[1].extract_text()
    assert re.search(r"Good practices[ .]*\d+", reader.pages[1].extract_text())
    for expected in ("Welcome café", "12 of 40 mentors trained", LESSON, "Train 40 volunteer mentors."):
        assert expected in text
    for private in ("Secret draft idea", "Riga's unpublished aims", "A draft lesson", "Bērziņa", "visitor_one",
                    "the room was cold"):  # fmt: skip
        assert private not in text
        assert private not in built.html
    # WeasyPrint lists the document's images on every page: one photo, one image.
    assert len({image.name for page in reader.pages for image in page.images}) == 1
    assert 'alt="Volunteers serve coffee"' in built.html


def test_a_toolkit_is_rebuilt_when_its_sources_change_and_only_then(theme_b_sources, cesena_staff):
    theme_b_sources.languages = ["en"]  # one edition per toolkit: the programme works in English only
    theme_b_sources.save(update_fields=["languages"])
    for toolkit in ensure_toolkits(theme_b_sources):
        Toolkit.objects.filter(pk=toolkit.pk).update(
            status=ToolkitStatus.READY, sources_digest=compile_toolkit(theme_b_sources, toolkit.theme, "en").digest()
        )
    assert refresh_stale_toolkits(theme_b_sources) == []

    _practice(cesena_staff, "cesena", "Language tandem", "C")
    rebuilt = refresh_stale_toolkits(theme_b_sources)

    # The practice is on theme C: its toolkit and the programme's change, A, B and D do not.
    assert sorted(toolkit.key for toolkit in rebuilt) == ["C", "programme"]
    assert {t.key: t.status for t in Toolkit.objects.all()}["C"] == ToolkitStatus.READY
    assert "Language tandem" in Toolkit.objects.get(theme__key="C").html
    assert refresh_stale_toolkits(theme_b_sources) == []


def test_a_failed_build_keeps_its_reason_and_is_not_retried_until_its_sources_change(theme_b_sources, media_root):
    next(media_root.rglob("*.jpg")).unlink()  # the photo's file is gone from storage: the PDF cannot embed it
    toolkit = ensure_toolkits(theme_b_sources, Theme.objects.get(key="B"))[0]

    failed = build_toolkit(toolkit)

    assert failed.status == ToolkitStatus.FAILED
    assert "FileNotFoundError" in failed.error
    assert toolkit not in refresh_stale_toolkits(theme_b_sources)


def test_asking_twice_queues_one_build(programme, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    toolkit = ensure_toolkits(programme)[0]

    assert request_build(toolkit) is True
    assert request_build(toolkit) is False
    assert Toolkit.objects.get(pk=toolkit.pk).status == ToolkitStatus.QUEUED


def test_the_shelf_lists_every_toolkit_and_the_coordinator_builds_one(client, coordinator, theme_b_sources):
    shelf = client.get("/en/p/820885/toolkits/")
    before = client.get("/en/p/820885/toolkits/B/")
    missing_pdf = client.get("/en/p/820885/toolkits/B.pdf")
    client.force_login(coordinator)

    built = client.post("/en/p/820885/toolkits/B/build/")
    client.logout()
    page = client.get("/en/p/820885/toolkits/B/")
    italian = client.get("/it/p/820885/toolkits/B/")
    pdf = client.get("/it/p/820885/toolkits/B.pdf")

    assert shelf.status_code == 200
    assert "/en/p/820885/toolkits/programme/" in shelf.text
    assert "/en/p/820885/toolkits/D/" in shelf.text
    assert "has no edition yet" in before.text
    assert missing_pdf.status_code == 404
    assert built.status_code == 302
    assert "Welcome café" in page.text
    assert "Pair each newcomer" in page.text
    assert "Buone pratiche" in italian.text
    assert "Welcome café" in italian.text
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_only_the_coordinator_builds_toolkits(client, cesena_staff, programme):
    anonymous = client.post("/en/p/820885/toolkits/all/build/")
    client.force_login(cesena_staff)
    staff = client.post("/en/p/820885/toolkits/A/build/")
    unknown = client.post("/en/p/820885/toolkits/Z/build/")

    assert anonymous.status_code == 403
    assert staff.status_code == 403
    assert unknown.status_code == 403
    assert not Toolkit.objects.exists()
    assert client.get("/en/p/820885/toolkits/Z/").status_code == 404


def test_the_toolkit_command_writes_a_theme_toolkit_in_italian(benchmarks, tmp_path):
    out = tmp_path / "a-it.pdf"

    call_command("toolkit", "A", lang="it", file_format="pdf", out=str(out), stderr=io.StringIO())

    text, _reader = _pdf_text(out.read_bytes())
    assert "Toolkit Integrating Cities" in text
    assert "Strategia cittadina condivisa per il volontariato nell'integrazione" in text  # A1's Italian title
    assert "Buone pratiche" in text


@pytest.mark.parametrize(
    ("key", "options", "problem"), [("Z", {}, "Z: not a theme"), ("A", {"lang": "ti"}, "--lang ti")]
)
def test_the_toolkit_command_refuses_an_unknown_theme_or_language(programme, key, options, problem):
    with pytest.raises(CommandError, match=problem) as refused:
        call_command("toolkit", key, **options)

    assert refused.value.returncode == 2


def test_all_toolkits_compiled_at_once_are_the_toolkits_compiled_one_by_one(theme_b_sources):
    together = compile_all_toolkits(theme_b_sources, "it")

    for theme in [None, *Theme.objects.order_by("position")]:
        alone = compile_toolkit(theme_b_sources, theme, "it")
        assert together[theme.pk if theme else None] == alone
    assert len(together) == 5


def test_a_pdf_edition_whose_file_is_gone_is_not_found_not_a_server_error(client, theme_b_sources):
    built = build_toolkit(ensure_toolkits(theme_b_sources, Theme.objects.get(key="B"))[0])
    Path(built.pdf.path).unlink()

    assert client.get("/en/p/820885/toolkits/B.pdf").status_code == 404


def test_a_toolkit_in_a_partner_language_outside_the_programmes_is_written_on_demand(programme, tmp_path):
    out = tmp_path / "toolkit-fr.pdf"

    call_command("toolkit", "A", lang="fr", out=str(out))

    text, _reader = _pdf_text(out.read_bytes())
    assert "Bonnes pratiques" in text


def test_a_programme_keeps_its_toolkits_in_its_own_languages(programme):
    assert toolkit_languages(programme) == ["en", "it"]
    programme.languages = ["lv", "ar", "xx"]

    assert toolkit_languages(programme) == ["lv"]
