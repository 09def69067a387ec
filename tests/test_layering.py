"""The layering of docs/architecture.md, checked: imports, model foreign keys and templates.

An app may use only apps of lower layers (and its own): by `import`, by a foreign key to their
models, by `{% load %}` of their template tags, and by `{% extends %}`/`{% include %}` of their
templates. `planner` imports nothing of ours and no Django. A breach would be listed in KNOWN, with
the reason: the test fails on any other, and on a listed one that is gone, so the list only shrinks.
"""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps

SRC = Path(__file__).resolve().parent.parent / "src" / "values"

# Lower numbers are lower layers. Apps on one layer are independent of each other.
LAYERS = {
    "core": 0,
    "network": 1,
    "programme": 2,
    "knowledge": 3,
    "volunteering": 4,
    "activities": 4,
    "planning": 5,
    "finance": 5,
    "reports": 5,
    "actionplans": 5,
    "publishing": 6,
    "amendments": 6,
    "monitoring": 7,
    "demo": 8,
    "api": 8,
}

# Nothing today: every app uses only lower ones. A breach to come must be argued here, with its way out.
KNOWN: set[tuple[str, str, str, str]] = set()


def _app_of(path: Path) -> str | None:
    parts = path.relative_to(SRC).parts
    return parts[0] if len(parts) > 1 and parts[0] in LAYERS else None


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name.split(".")[1] for name in names if name.startswith("values.") and len(name.split(".")) > 1}


def _breaches_by_import() -> set[tuple]:
    found = set()
    for path in SRC.rglob("*.py"):
        app = _app_of(path)
        if app is None or "migrations" in path.parts:
            continue
        for target in _imported_apps(path) - {app}:
            if target in LAYERS and LAYERS[target] >= LAYERS.get(app, -1):
                found.add(("import", app, target, str(path.relative_to(SRC))))
    return found


def _breaches_by_foreign_key() -> set[tuple]:
    found = set()
    for model in apps.get_models():
        app = model._meta.app_label
        if app not in LAYERS:
            continue
        for field in model._meta.get_fields():
            target = field.related_model._meta.app_label if field.is_relation and field.related_model else None
            if field.auto_created or target is None or target == app or target not in LAYERS:
                continue
            if LAYERS[target] >= LAYERS[app]:
                found.add(("foreign key", app, target, f"{app}/models.py"))
    return found


_TEMPLATE_USE = re.compile(r"{%\s*(?:extends|include)\s+[\"']([a-z]+)/")
_TAG_LOAD = re.compile(r"{%\s*load\s+([^%]+)%}")


def _tag_libraries() -> dict[str, str]:
    """Each template tag library of ours and the app that defines it."""
    return {path.stem: path.parts[-3] for path in SRC.glob("*/templatetags/*.py") if path.stem != "__init__"}


def _breaches_by_template() -> set[tuple]:
    found, libraries = set(), _tag_libraries()
    for path in (SRC / "templates").rglob("*.html"):
        app = path.relative_to(SRC / "templates").parts[0]
        if app not in LAYERS:
            continue  # base.html and the registration pages belong to the site, above every app
        text = path.read_text(encoding="utf-8")
        used = set(_TEMPLATE_USE.findall(text))
        used |= {libraries[name] for names in _TAG_LOAD.findall(text) for name in names.split() if name in libraries}
        for target in used - {app}:
            if target in LAYERS and LAYERS[target] >= LAYERS[app]:
                found.add(("template", app, target, str(path.relative_to(SRC))))
    return found


def test_the_planner_imports_no_django_and_nothing_of_ours():
    offenders = []
    for path in (SRC / "planner").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(from|import)\s+(django|values\.(?!planner))", text, re.MULTILINE):
            offenders.append(path.name)

    assert offenders == []


@pytest.mark.django_db(databases=[])
def test_no_app_uses_an_app_of_its_own_or_a_higher_layer_beyond_the_known_list():
    found = _breaches_by_import() | _breaches_by_foreign_key() | _breaches_by_template()

    assert sorted(found - KNOWN) == [], "new breaches of the layering"
    assert sorted(KNOWN - found) == [], "breaches mended: take them off KNOWN"
