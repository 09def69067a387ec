"""The API permission matrix's rows for report templates (joined in tests/api/matrix.py), by the web matrix's
REPORT_ROWS (tests/test_permission_matrix.py): only the coordinator keeps the templates and asks for reports; every
other signed-in person is refused (403), nobody is asked to sign in (401). The world's template is in use (the
volunteer's report on it is submitted): its questions stay (422, the service's rule); a fresh one changes."""

from collections.abc import Callable
from datetime import timedelta

from tests.api.matrix_activities import visit
from tests.api.matrix_base import PREFIX, Row, code, only
from tests.permission_world import COORDINATOR, World
from values.reports.models import ReportTemplate
from values.reports.services import save_template, template_version

TEMPLATE = f"{PREFIX}/report-templates/{{template_id}}/"
FRESH_TITLE = "Matrix template nobody answered"
QUESTIONS = [{"kind": "long_text", "text": "What will you try at home?", "required": True}]


def fresh_template(w: World) -> ReportTemplate:
    """A template no report was begun on, made for the row (its request is rolled back)."""
    return ReportTemplate.objects.filter(programme=w.programme, title=FRESH_TITLE).first() or save_template(
        w.programme, title=FRESH_TITLE, description="", questions=QUESTIONS
    )


def template(w: World) -> dict:
    return code(w) | {"template_id": w.template.pk}


def fresh(w: World) -> dict:
    return code(w) | {"template_id": fresh_template(w).pk}


def version_of(item: Callable[[World], ReportTemplate]) -> Callable[[World], dict]:
    def headers(w: World) -> dict:
        return {"If-Match": f'"{template_version(item(w))}"'}

    return headers


def questions(w: World, identity: str) -> dict:
    return {"title": "Matrix template", "description": "", "questions": QUESTIONS}


def ask(w: World, identity: str) -> dict:
    return {"template": w.template.pk, "due": (w.visit.end + timedelta(days=30)).isoformat()}


# fmt: off
ROWS = [
    Row(f"GET {PREFIX}/report-templates/", only(COORDINATOR), at=code),
    Row(f"POST {PREFIX}/report-templates/", only(COORDINATOR, ok=201), at=code, body=questions),
    Row(f"GET {TEMPLATE}", only(COORDINATOR), at=template),
    Row(f"PUT {TEMPLATE}", only(COORDINATOR, ok=422), at=template, case="in-use", body=questions,
        headers=version_of(lambda w: w.template)),
    Row(f"PUT {TEMPLATE}", only(COORDINATOR), at=fresh, case="fresh", body=questions,
        headers=version_of(fresh_template)),
    Row(f"POST {TEMPLATE}copy/", only(COORDINATOR, ok=201), at=template),
    # The world's visit already asks for reports on the world's template: asked again, it changes (200).
    Row(f"GET {PREFIX}/activities/{{activity_id}}/report-requests/", only(COORDINATOR), at=visit),
    Row(f"POST {PREFIX}/activities/{{activity_id}}/report-requests/", only(COORDINATOR), at=visit, body=ask),
]
# fmt: on


def path_values(w: World) -> dict:
    """A real value for each path parameter these operations name, for the schema fuzzer."""
    return {"template_id": w.template.pk}
