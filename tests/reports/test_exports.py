"""Reports as CSV and PDF, and which reports an activity, a theme or the whole programme holds."""

import csv
import io
import re
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from values.activities.enums import ParticipantStatus
from values.activities.models import Exchange, Participant, Visit
from values.network.enums import Role
from values.network.models import Organisation
from values.network.services import create_account
from values.planning.models import PlanRun
from values.programme.services import grant_role
from values.reports.exports import FIXED_COLUMNS, reports_csv, reports_pdf
from values.reports.models import Report, ReportTemplate
from values.reports.queries import ReportScope, questions_of, reports_in
from values.reports.services import request_reports, save_template

pytestmark = pytest.mark.django_db

DUE = date(2030, 6, 30)


@pytest.fixture
def plan(accepted_plan) -> PlanRun:
    return accepted_plan


@pytest.fixture
def visit(plan) -> Visit:
    """Cesena's mentoring visit (community B1, theme B)."""
    return Visit.objects.get(host__key="cesena")


@pytest.fixture
def exchange(plan) -> Exchange:
    """Cesena receives Toulouse's people (community B1, theme B)."""
    return Exchange.objects.get(host__key="cesena")


@pytest.fixture
def amsterdam_visit(plan) -> Visit:
    """Amsterdam's mentoring visit (community C1, theme C)."""
    return Visit.objects.get(host__key="amsterdam")


@pytest.fixture
def visit_template(programme) -> ReportTemplate:
    questions = [
        {"kind": "short_text", "text": "What will you try at home?", "help_text": "", "required": True, "choices": []},
        {
            "kind": "multiple_choice",
            "text": "Which sessions helped?",
            "help_text": "",
            "required": False,
            "choices": ["Workshop", "Site visit", "Interview"],
        },
    ]
    return save_template(programme, title="After the visit", description="", questions=questions)


@pytest.fixture
def exchange_template(programme) -> ReportTemplate:
    questions = [
        {"kind": "scale", "text": "How useful was it?", "help_text": "", "required": True, "choices": []},
        {"kind": "number", "text": "How many volunteers?", "help_text": "", "required": False, "choices": []},
    ]
    return save_template(programme, title="After the exchange", description="", questions=questions)


def hand_built_report(activity, template, *, username, name, city, answers, status="draft", submitted_at=None):
    """A report written straight into the database, with a confirmed participant of `city`."""
    first_name, last_name = name.split()
    user = create_account(
        username=username, email=f"{username}@example.org", password="x", first_name=first_name, last_name=last_name
    )
    organisation = Organisation.objects.get(key=city)
    grant_role(user, programme=activity.programme, organisation=organisation, role=Role.VOLUNTEER)
    participant = Participant.objects.create(
        activity=activity, user=user, organisation=organisation, status=ParticipantStatus.CONFIRMED
    )
    request = request_reports(activity, template=template, due=DUE)
    keyed = {str(q.pk): value for q, value in zip(template.questions.all(), answers, strict=True) if value is not None}
    return Report.objects.create(
        request=request, participant=participant, status=status, answers=keyed, submitted_at=submitted_at
    )


@pytest.fixture
def visit_report(visit, visit_template) -> Report:
    return hand_built_report(
        visit,
        visit_template,
        username="giulia",
        name="Giulia Neri",
        city="cesena",
        answers=["A buddy scheme", ["Workshop", "Site visit"]],
        status="submitted",
        submitted_at=datetime(2019, 9, 20, 9, 30, tzinfo=UTC),
    )


@pytest.fixture
def exchange_report(exchange, exchange_template) -> Report:
    return hand_built_report(
        exchange,
        exchange_template,
        username="camille",
        name="Camille Roux",
        city="toulouse",
        answers=[None, "12.5"],
    )


@pytest.fixture
def amsterdam_report(amsterdam_visit, visit_template) -> Report:
    return hand_built_report(
        amsterdam_visit,
        visit_template,
        username="daan",
        name="Daan Visser",
        city="amsterdam",
        answers=["Street teams", ["Interview"]],
        status="accepted",
        submitted_at=datetime(2019, 3, 1, 8, 0, tzinfo=UTC),
    )


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def pdf_text(content: bytes) -> str:
    """The PDF's text on one line, whitespace collapsed."""
    pages = PdfReader(io.BytesIO(content)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


# -- CSV -----------------------------------------------------------------------------------------


def test_the_csv_has_one_row_per_report_and_one_column_per_question(visit_report, exchange_report, visit, exchange):
    reports = [visit_report, exchange_report]

    text = reports_csv(reports, questions_of(reports))

    assert rows_of(text) == [
        [
            *FIXED_COLUMNS,
            "After the visit: What will you try at home?",
            "After the visit: Which sessions helped?",
            "After the exchange: How useful was it?",
            "After the exchange: How many volunteers?",
        ],
        [
            "mentoring visit",
            visit.start.isoformat(),
            "Cesena",
            "",
            "B1",
            "B",
            "Giulia Neri",
            "City of Cesena",
            "submitted",
            "2019-09-20",
            "A buddy scheme",
            "Workshop; Site visit",
            "",
            "",
        ],
        [
            "exchange",
            exchange.start.isoformat(),
            "Cesena",
            "Toulouse",
            "B1",
            "B",
            "Camille Roux",
            "City of Toulouse",
            "draft",
            "",
            "",
            "",
            "",
            "12.5",
        ],
    ]


# Texts a spreadsheet would run as formulas, and the cells the CSV must hold for them.
HOSTILE_CELLS = {
    '=HYPERLINK("http://evil.example","x")': '\'=HYPERLINK("http://evil.example","x")',
    "+1+1": "'+1+1",
    "-2+3": "'-2+3",
    "@SUM(A1)": "'@SUM(A1)",
    "=cmd|' /C calc'!A0": "'=cmd|' /C calc'!A0",
    "'quoted": "''quoted",
    "A buddy scheme": "A buddy scheme",
}


def test_answers_a_spreadsheet_would_evaluate_are_written_as_text(visit, visit_template):
    reports = [
        hand_built_report(
            visit, visit_template, username=f"p{n}", name=f"Person {n}", city="cesena", answers=[text, None]
        )
        for n, text in enumerate(HOSTILE_CELLS)
    ]

    rows = rows_of(reports_csv(reports, questions_of(reports)))

    assert [row[len(FIXED_COLUMNS)] for row in rows[1:]] == list(HOSTILE_CELLS.values())


def test_names_headings_and_choices_a_spreadsheet_would_evaluate_are_written_as_text(visit, programme):
    questions = [
        {"kind": "short_text", "text": "+1+1", "help_text": "", "required": False, "choices": []},
        {"kind": "multiple_choice", "text": "Which?", "help_text": "", "required": False, "choices": ["-2+3", "B"]},
    ]
    template = save_template(programme, title="=cmd|' /C calc'!A0", description="", questions=questions)
    Organisation.objects.filter(key="cesena").update(name={"en": "@SUM(A1)"})
    report = hand_built_report(
        visit, template, username="giulia", name='=HYPERLINK("http://evil.example","x") Neri', city="cesena",
        answers=["'quoted", ["-2+3", "B"]],
    )  # fmt: skip

    rows = rows_of(reports_csv([report], questions_of([report])))

    assert rows[0][len(FIXED_COLUMNS) :] == ["'=cmd|' /C calc'!A0: +1+1", "'=cmd|' /C calc'!A0: Which?"]
    assert rows[1][FIXED_COLUMNS.index("participant")] == '\'=HYPERLINK("http://evil.example","x") Neri'
    assert rows[1][FIXED_COLUMNS.index("city")] == "'@SUM(A1)"
    assert rows[1][len(FIXED_COLUMNS) :] == ["''quoted", "'-2+3; B"]


def test_number_answers_stay_numbers_even_when_negative(exchange, exchange_template):
    report = hand_built_report(
        exchange, exchange_template, username="camille", name="Camille Roux", city="toulouse", answers=[3, "-12.5"]
    )

    rows = rows_of(reports_csv([report], questions_of([report])))

    assert rows[1][len(FIXED_COLUMNS) :] == ["3", "-12.5"]


def test_the_csv_gives_the_submission_date_in_local_time(visit_report):
    visit_report.submitted_at = datetime(2019, 9, 20, 22, 30, tzinfo=UTC)  # 00:30 on 21 September in Brussels

    rows = rows_of(reports_csv([visit_report], []))

    assert rows[1][FIXED_COLUMNS.index("submitted")] == "2019-09-21"


def test_the_csv_of_no_reports_is_the_header_alone():
    assert rows_of(reports_csv([], [])) == [list(FIXED_COLUMNS)]


# -- PDF -----------------------------------------------------------------------------------------


def test_the_pdf_shows_the_participants_questions_and_answers(visit_report, exchange_report):
    reports = [visit_report, exchange_report]

    content = reports_pdf(reports, questions_of(reports), title="Reports: VALUES")

    assert content[:4] == b"%PDF"
    text = pdf_text(content)
    expected = [
        "Reports: VALUES",
        "Giulia Neri (City of Cesena)",
        "Camille Roux (City of Toulouse)",
        "What will you try at home?",
        "A buddy scheme",
        "Which sessions helped?",
        "Workshop; Site visit",
        "How many volunteers?",
        "12.5",
    ]
    assert [phrase for phrase in expected if phrase not in text] == []


def test_the_pdf_shows_each_report_with_its_own_templates_questions(visit_report):
    content = reports_pdf([visit_report], questions_of([visit_report]), title="Reports: activity")

    text = pdf_text(content)
    assert ("What will you try at home?" in text, "How useful was it?" in text) == (True, False)


# -- scopes --------------------------------------------------------------------------------------


@pytest.fixture
def three_reports(visit_report, exchange_report, amsterdam_report) -> None:
    """Theme B: Cesena's visit and exchange; theme C: Amsterdam's visit."""


@pytest.mark.usefixtures("three_reports")
def test_an_activitys_scope_holds_its_reports_only(programme, visit, visit_report):
    assert list(reports_in(ReportScope(programme, activity_id=visit.pk))) == [visit_report]


@pytest.mark.usefixtures("three_reports")
def test_a_themes_scope_holds_the_visits_and_exchanges_of_its_communities(
    programme, visit, visit_report, exchange_report, amsterdam_report
):
    theme = visit.community.theme.key

    in_theme = list(reports_in(ReportScope(programme, theme=theme)))
    in_other_theme = list(reports_in(ReportScope(programme, theme="C")))

    assert theme == "B"
    assert in_theme == [exchange_report, visit_report]
    assert in_other_theme == [amsterdam_report]


@pytest.mark.usefixtures("three_reports")
def test_the_programmes_scope_holds_every_report_by_date(programme, visit_report, exchange_report, amsterdam_report):
    reports = list(reports_in(ReportScope(programme)))

    assert reports == [amsterdam_report, exchange_report, visit_report]
    assert [r.request.activity.start for r in reports] == sorted(r.request.activity.start for r in reports)


def test_a_scope_of_an_activity_without_reports_is_empty(programme, amsterdam_visit, visit_report):
    assert list(reports_in(ReportScope(programme, activity_id=amsterdam_visit.pk))) == []


@pytest.mark.usefixtures("three_reports")
def test_the_questions_of_several_reports_come_template_by_template(
    programme, visit_template, exchange_template, visit_report, exchange_report, amsterdam_report
):
    questions = questions_of([visit_report, exchange_report, amsterdam_report])

    assert [(q.template.title, q.text) for q in questions] == [
        ("After the visit", "What will you try at home?"),
        ("After the visit", "Which sessions helped?"),
        ("After the exchange", "How useful was it?"),
        ("After the exchange", "How many volunteers?"),
    ]


def test_a_scope_describes_itself_for_the_file_name(programme):
    assert [
        ReportScope(programme, activity_id=7).describe(),
        ReportScope(programme, theme="B").describe(),
        ReportScope(programme).describe(),
    ] == ["activity 7", "theme B", "VALUES"]
