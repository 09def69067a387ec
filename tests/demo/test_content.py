"""The demo's midway content (values.demo.content): every kind made through the services, consistent with the
platform's rules, recorded so that it can be removed, and the same for the same seed."""

import hashlib
import io
import random
from collections import Counter
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from PIL import Image

from tests.conftest import ROOT, VALUES_FILE, once_per_module
from values.actionplans.enums import PlanStatus
from values.actionplans.models import Action, ActionPlan, Comment
from values.actionplans.queries import overdue
from values.demo.accounts import ensure_demo_accounts
from values.demo.content import add_content
from values.knowledge.models import Practice, PracticePhoto, PracticeVideo, SelfAssessment
from values.network.models import User
from values.planning.models import PlanRun
from values.planning.services import accept_plan_run, execute_plan_run
from values.programme.models import Programme
from values.programme.programme_file import read_programme_file
from values.programme.services import load_programme_file
from values.publishing.models import Campaign, ReachFigure, Toolkit
from values.publishing.queries import reach_report
from values.volunteering.enums import CommitmentStatus, HoursStatus
from values.volunteering.models import Commitment, HoursEntry, Opportunity, TrainingSeat, Volunteer

TODAY = timezone.localdate()
pytestmark = pytest.mark.xdist_group("demo_content")


def month_16_start(today: date) -> date:
    """The first day of the month 15 months before today's: today falls in month 16."""
    index = today.year * 12 + today.month - 1 - 15
    return date(index // 12, index % 12 + 1, 1)


def _midway_programme() -> Programme:
    """VALUES moved so that today is in month 16, its plan accepted, its benchmarks loaded, the demo accounts made."""
    result = read_programme_file(VALUES_FILE.read_bytes())
    programme = load_programme_file(result.document).programme
    Programme.objects.filter(pk=programme.pk).update(start=month_16_start(TODAY))
    programme.refresh_from_db()
    call_command("load_benchmarks", str(ROOT / "data" / "benchmarks.yaml"), stdout=io.StringIO())
    ensure_demo_accounts(programme)
    run = PlanRun.objects.create(programme=programme, seed=1, time_limit=5, rules=[])
    execute_plan_run(run)
    accept_plan_run(run, by=User.objects.get(username="coordinator"))
    return programme


def table_counts() -> Counter:
    tables = set(connection.introspection.table_names())  # the task backend not in use has no table
    return Counter(
        {model._meta.label: model.objects.count() for model in apps.get_models() if model._meta.db_table in tables}
    )


def _made() -> dict:
    programme = _midway_programme()
    before = table_counts()
    recorded = []
    rng = random.Random(14)  # noqa: S311
    counts = add_content(programme, today=TODAY, rng=rng, record=recorded.append)
    return {"before": before, "recorded": recorded, "counts": counts, "programme": programme}


@pytest.fixture(scope="module")
def made(django_db_setup, django_db_blocker, module_media):
    """The content made once for the module (tests/demo/conftest.py): each test's changes are rolled back."""
    with once_per_module(django_db_blocker, module_media, _made) as content:
        yield content


@pytest.mark.django_db
def test_action_plans_are_in_every_status_with_overdue_actions_and_threads(made):
    plans = ActionPlan.objects.filter(programme=made["programme"])
    cesena = plans.get(organisation__key="cesena")

    assert {plan.status for plan in plans} == set(PlanStatus.values)
    assert plans.count() == 16  # one a partner city
    assert plans.filter(published=True).exists()
    assert Action.objects.filter(overdue(TODAY), plan__programme=made["programme"]).count() >= 8
    assert Action.objects.filter(plan__programme=made["programme"], status="done", end__lt=TODAY).count() == 16
    # Cesena's plan is in review: the expert's question waits for an answer, and one action is overdue.
    assert cesena.status == PlanStatus.IN_REVIEW
    waiting = Comment.objects.filter(plan=cesena, parent=None, section="objectives", replies=None)
    assert waiting.get().author.username == "expert"
    assert Action.objects.filter(overdue(TODAY), plan=cesena).count() == 1
    # Revisions by two people: the city's staff, then the expert's suggestion on the objectives.
    authors = {r.author.username for r in cesena.revisions.filter(section="objectives")}
    assert authors == {"cesena", "expert"}


@pytest.mark.django_db
def test_practices_speak_several_languages_and_their_media_are_clean(made):
    practices = Practice.objects.filter(programme=made["programme"])
    languages = {code for practice in practices for code in practice.title}
    video = PracticeVideo.objects.get()

    assert practices.count() == 32  # two per city
    assert practices.filter(status="published").count() == 30  # the last city's two wait for the coordinator
    assert len(languages) >= 3
    assert {"en", "it", "lv"} <= languages
    for photo in PracticePhoto.objects.all():
        with photo.image.open("rb") as file:
            image = Image.open(io.BytesIO(file.read()))
            image.load()
        assert image.size == (640, 400)
        assert dict(image.getexif()) == {}
    assert video.captions_language == "en"
    assert video.captions.open("rb").read().startswith(b"WEBVTT")


@pytest.mark.django_db
def test_after_assessments_follow_the_visit_and_mostly_improve(made):
    rows = SelfAssessment.objects.filter(standard__programme=made["programme"])
    dates = {}
    for row in rows:
        dates.setdefault(row.organisation_id, set()).add(row.assessed_on)
    cities_with_two = [sorted(days) for days in dates.values() if len(days) == 2]

    assert len(dates) == 16
    assert made["counts"]["assessments_after"] == len(cities_with_two) > 0
    start = made["programme"].start
    for before, after in cities_with_two:
        assert start <= before < start + timedelta(days=62)
        assert before < after <= TODAY


@pytest.mark.django_db
def test_after_assessments_never_fall_below_before(made):
    rows = SelfAssessment.objects.filter(standard__programme=made["programme"])
    firsts = {(r.organisation_id, r.standard_id): r.score for r in rows.order_by("-assessed_on")}
    lasts = {(r.organisation_id, r.standard_id): r.score for r in rows.order_by("assessed_on")}
    assert all(lasts[key] >= firsts[key] for key in firsts)
    assert sum(lasts[key] > firsts[key] for key in firsts) > len(firsts) / 3


@pytest.mark.django_db
def test_sign_ups_per_channel_add_up_to_the_campaign_total(made):
    campaign = Campaign.objects.get(programme=made["programme"])
    report = reach_report(campaign)

    assert made["counts"]["campaign_sign_ups"] > 0
    assert sum(row.volunteers for row in report.rows) == report.volunteers == made["counts"]["campaign_sign_ups"]
    assert len(report.rows) == 4
    assert all(row.reach > 0 for row in report.rows)
    assert all(channel.figures.exists() for channel in campaign.channels.all())


@pytest.mark.django_db
def test_volunteers_have_hours_in_each_state_and_approved_minutes_are_two_hour_shifts(made):
    volunteers = Volunteer.objects.filter(programme=made["programme"], confirmed_at__isnull=False)
    entries = HoursEntry.objects.filter(volunteer__programme=made["programme"])

    assert volunteers.count() == 40
    assert {e.status for e in entries} == set(HoursStatus.values)
    # Each entry is a shift of 18:00–20:00: 120 minutes, except the one corrected to 90.
    assert {e.minutes for e in entries} == {120}
    for volunteer in volunteers:
        approved = entries.filter(volunteer=volunteer, status=HoursStatus.APPROVED)
        expected = sum(90 if e.decision_note else 120 for e in approved)
        assert sum(e.approved_minutes for e in approved) == expected
    assert entries.filter(status=HoursStatus.APPROVED, approved_minutes=90).exists()


@pytest.mark.django_db
def test_cesena_has_an_applicant_to_decide(made):
    assert Commitment.objects.filter(status=CommitmentStatus.APPLIED, opportunity__city__key="cesena").exists()
    assert TrainingSeat.objects.filter(attended=True).count() == 8
    assert TrainingSeat.objects.filter(attended=None).count() == 6


@pytest.mark.django_db
def test_toolkits_are_built(made):
    toolkits = Toolkit.objects.filter(programme=made["programme"], theme=None)
    assert toolkits.count() == made["counts"]["toolkits"] == 2  # the programme's, in English and Italian
    assert all(t.status == "ready" and t.html for t in toolkits)


def fingerprint(programme) -> list:
    """What the content says, without row ids and clock times: the same seed must give the same."""
    return [
        sorted((p.organisation.key, sorted(p.title.items()), p.volunteers, p.period_start) for p in
               Practice.objects.filter(programme=programme).select_related("organisation")),
        sorted(hashlib.sha256(photo.image.open("rb").read()).hexdigest() for photo in PracticePhoto.objects.all()),
        sorted((a.organisation.key, a.standard.key, a.score, a.assessed_on) for a in
               SelfAssessment.objects.select_related("organisation", "standard")),
        sorted((a.plan.organisation.key, a.title, a.start, a.end, a.status, a.current) for a in
               Action.objects.select_related("plan__organisation")),
        sorted(ReachFigure.objects.values_list("channel__name", "month", "reach", "engagements")),
        sorted(Volunteer.objects.values_list("email", "name", "city__key", "channel", "birth_year")),
        sorted(HoursEntry.objects.values_list("volunteer__email", "starts_at", "status", "approved_minutes")),
    ]  # fmt: skip


@pytest.mark.django_db
def test_removing_what_was_recorded_leaves_the_tables_as_before_and_the_same_seed_makes_the_same(made):
    programme = made["programme"]
    first = fingerprint(programme)
    assert table_counts() != made["before"]

    for row in reversed(made["recorded"]):
        type(row).objects.filter(pk=row.pk).delete()
    after = table_counts()
    changed = {label: (made["before"][label], after[label]) for label in after if after[label] != made["before"][label]}
    assert changed == {}

    add_content(programme, today=TODAY, rng=random.Random(14), record=lambda row: None)  # noqa: S311
    assert fingerprint(programme) == first


@pytest.mark.django_db
def test_opportunities_are_named_after_their_city(made):
    titles = sorted(str(o) for o in Opportunity.objects.filter(city__key="cesena"))

    assert titles == ["Homework mentor in Cesena", "Language café in Cesena"]
