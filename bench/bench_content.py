"""The benchmarks' data: a throwaway database with the VALUES programme and an accepted plan, and a
programme's worth of published content (practices with photos, self-assessments, public action plans,
accepted exchange reports). Generated, deterministic, never shipped as data."""

import io
import os
import random
import sys
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORDS = [
    "volunteers",
    "newcomers",
    "welcome",
    "language",
    "cafe",
    "mentoring",
    "neighbourhood",
    "library",
    "sport",
    "school",
    "parents",
    "women",
    "youth",
    "refugees",
    "housing",
    "jobs",
    "training",
    "city",
    "association",
    "network",
    "partners",
    "evening",
    "weekend",
    "stories",
    "trust",
    "belonging",
    "culture",
    "music",
    "cooking",
    "garden",
    "football",
    "tutoring",
    "buddy",
    "integration",
    "community",
    "respect",
    "dialogue",
]


def prepare_database(name: str):
    """A fresh SQLite database in a temporary VALUES_VAR_DIR with data/values.yaml, the benchmark standards
    and an accepted plan (seed 1); returns the superuser who accepted it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "values.settings")
    os.environ["DEBUG"] = "1"
    os.environ.pop("DATABASE_URL", None)
    os.environ["VALUES_VAR_DIR"] = tempfile.mkdtemp(prefix=f"values-bench-{name}-")
    sys.path.insert(0, str(ROOT / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load", str(ROOT / "data" / "values.yaml"), verbosity=0)
    call_command("load_benchmarks", str(ROOT / "data" / "benchmarks.yaml"), verbosity=0)
    return _accept_a_plan()


def _accept_a_plan():
    """The timeline, the factsheets' activities and the exchanges' reports need the accepted plan."""
    from values.network.models import User
    from values.planning.models import PlanRun
    from values.planning.services import accept_plan_run, execute_plan_run
    from values.programme.models import Programme

    user = User.objects.create_superuser("bench", password=None)
    run = PlanRun.objects.create(programme=Programme.objects.get(), seed=1, time_limit=5, rules=[])
    execute_plan_run(run)
    accept_plan_run(run, by=user)
    return user


def add_programme_content(practices: int, *, seed: int = 7) -> None:
    from values.programme.queries import current_programme

    rng = random.Random(seed)
    programme = current_programme()
    _practices(programme, practices, rng)
    _self_assessments(programme, rng)
    _action_plans(programme, rng)
    _reports(programme, rng)


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _markdown(rng: random.Random) -> str:
    paragraphs = [_text(rng, rng.randint(40, 90)) for _ in range(3)]
    steps = "\n".join(f"- {_text(rng, 8)}" for _ in range(4))
    return f"{paragraphs[0]}\n\n## How it works\n\n{steps}\n\n{paragraphs[1]}\n\n{paragraphs[2]}"


def _photo(rng: random.Random) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 900), tuple(rng.randint(60, 200) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(30):  # shapes, so that the JPEG is as heavy as a photo's
        x, y = rng.randint(0, 1100), rng.randint(0, 800)
        draw.ellipse(
            (x, y, x + rng.randint(40, 200), y + rng.randint(40, 200)),
            fill=tuple(rng.randint(0, 255) for _ in range(3)),
        )
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _practices(programme, count: int, rng: random.Random) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from values.knowledge.services import add_photo, publish_practice, save_practice, translate_practice
    from values.programme.queries import partners_of, themes_of

    cities = [p.organisation for p in partners_of(programme) if p.organisation.is_city]
    themes = list(themes_of(programme))
    for number in range(count):
        practice = save_practice(
            programme, organisation=cities[number % len(cities)], by=None, original_language="en",
            texts={"title": f"Practice {number + 1}: {_text(rng, 4)[:-1]}", "summary": _text(rng, 25),
                   "body": _markdown(rng), "results": _text(rng, 40)},
            themes=[themes[number % len(themes)]], volunteers=rng.randint(5, 120), target_groups=["newcomers"],
        )  # fmt: skip
        if number % 2:
            translate_practice(
                practice, language="it", texts={"title": f"Pratica {number + 1}", "summary": _text(rng, 25)}
            )
        image = SimpleUploadedFile(f"p{number}.jpg", _photo(rng), content_type="image/jpeg")
        add_photo(practice, image=image, alt_text=_text(rng, 8), caption=_text(rng, 6), by=None)
        publish_practice(practice)


def _self_assessments(programme, rng: random.Random) -> None:
    from values.knowledge.queries import standards_of
    from values.knowledge.services import record_self_assessment
    from values.programme.queries import partners_of

    standards = list(standards_of(programme))
    for partner in partners_of(programme):
        if not partner.organisation.is_city:
            continue
        for day, lift in ((date(2019, 5, 1), 0), (date(2020, 11, 1), 1)):
            scores = {s: (min(4, rng.randint(1, 3) + lift), _text(rng, 12)) for s in standards}
            record_self_assessment(partner.organisation, scores=scores, on=day, by=None)


def _action_plans(programme, rng: random.Random) -> None:
    from values.actionplans.enums import ActionStatus, PlanStatus, Section
    from values.actionplans.models import Action, ActionPlan, SectionRevision
    from values.programme.queries import partners_of

    for partner in partners_of(programme):
        city = partner.organisation
        if not city.is_city:
            continue
        plan = ActionPlan.objects.create(
            programme=programme, organisation=city, status=PlanStatus.ADOPTED, published=True
        )
        SectionRevision.objects.create(plan=plan, section=Section.OBJECTIVES, number=1, text=_text(rng, 60))
        for number, status in enumerate((ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.PLANNED)):
            Action.objects.create(
                plan=plan, title=_text(rng, 6)[:-1], owner=city, start=date(2020, 1, 1) + timedelta(days=60 * number),
                end=date(2020, 12, 31), unit="volunteers trained", target=Decimal(40), current=Decimal(12 * number),
                status=status,
            )  # fmt: skip


def _reports(programme, rng: random.Random) -> None:
    from values.activities.enums import ParticipantStatus
    from values.activities.models import Exchange, Participant
    from values.network.enums import Role
    from values.network.models import User
    from values.programme.models import Membership
    from values.reports.enums import ReportStatus
    from values.reports.models import Report
    from values.reports.services import request_reports, save_template

    asked = ("What worked best?", "What will you take home?")
    quotable = {"kind": "long_text", "help_text": "", "required": True, "choices": [], "quotable": True}
    template = save_template(
        programme, title="Exchange report", description="", questions=[{**quotable, "text": text} for text in asked]
    )
    questions = list(template.questions.all())
    for exchange in Exchange.objects.filter(programme=programme).select_related("guest"):
        request = request_reports(exchange, template=template, due=exchange.end + timedelta(days=14))
        for number in range(2):
            name = f"bench-{exchange.pk}-{number}"
            user = User.objects.create(username=name, email=f"{name}@example.org")
            Membership.objects.create(
                user=user, organisation=exchange.guest, programme=programme, role=Role.VOLUNTEER_LEADER
            )
            participant = Participant.objects.create(
                activity=exchange, user=user, organisation=exchange.guest, status=ParticipantStatus.CONFIRMED
            )
            answers = {str(q.pk): _text(rng, rng.randint(40, 90)) for q in questions}
            Report.objects.create(
                request=request, participant=participant, status=ReportStatus.ACCEPTED, answers=answers
            )
