"""A planner run ends with what happened: a plan, no plan (and why), out of time, or failed with its reason."""

from datetime import timedelta

import pytest
from django.utils import timezone

from values.network.models import Organisation
from values.planning import services
from values.planning.enums import PlanRunStatus
from values.planning.explanations import explain
from values.planning.models import PlanRule, PlanRun
from values.planning.services import PlanRuleError, add_plan_rule, end_abandoned_runs, execute_plan_run
from values.planning.tasks import run_planner

pytestmark = pytest.mark.django_db


def test_a_run_out_of_time_ends_timed_out_with_its_stage_and_reason(programme):
    # No time at all: the solver stops at its first check, on any machine.
    run = PlanRun.objects.create(programme=programme, seed=1, time_limit=0, rules=[])

    execute_plan_run(run)

    run.refresh_from_db()
    assert (run.status, run.stage, run.result) == (PlanRunStatus.TIMED_OUT, "grouping", None)
    assert run.reasons == [
        {"text": "The planner found no grouping within the time limit: allow it more time.", "params": {}}
    ]
    assert run.finished_at is not None


def test_a_run_whose_task_raises_ends_failed_with_its_reason(programme):
    # Rules recorded by an older version, with a kind this one no longer knows.
    run = PlanRun.objects.create(
        programme=programme, seed=1, time_limit=5, rules=[{"kind": "bogus", "city": "cesena", "other": "riga"}]
    )

    run_planner.enqueue(run.pk)

    run.refresh_from_db()
    assert (run.status, run.result) == (PlanRunStatus.FAILED, None)
    assert run.reasons == [
        {
            "text": "The planner stopped with an error: %(error)s",
            "params": {"error": "ValueError: 'bogus' is not a valid RuleKind"},
        }
    ]
    assert explain(run.reasons) == "The planner stopped with an error: ValueError: 'bogus' is not a valid RuleKind"
    assert run.finished_at is not None


def test_a_run_of_conflicting_rules_names_them(programme):
    rules = [
        {"kind": "together", "city": "cesena", "other": "riga"},
        {"kind": "apart", "city": "cesena", "other": "riga"},
    ]
    run = PlanRun.objects.create(programme=programme, seed=1, time_limit=5, rules=rules)

    execute_plan_run(run)

    run.refresh_from_db()
    assert run.status == PlanRunStatus.INFEASIBLE
    assert [explain(reason) for reason in run.reasons] == [
        "These rules conflict: cities kept together cannot be kept apart.",
        "Cesena and Rīga must be in the same community",
        "Cesena and Rīga must be in different communities",
    ]
    assert run.reasons[1] == {
        "text": "%(city)s and %(other)s must be in the same community",
        "params": {"city": "Cesena", "other": "Rīga"},
    }


def test_a_run_left_by_a_stopped_worker_ends_as_failed_with_the_reason(programme):
    started = timezone.now() - timedelta(minutes=31, seconds=42)  # 30 min and 4 × 10 s + 2 s ago, and a bit
    left = PlanRun.objects.create(programme=programme, seed=1, time_limit=10, rules=[], status=PlanRunStatus.RUNNING)
    recent = PlanRun.objects.create(programme=programme, seed=2, time_limit=10, rules=[], status=PlanRunStatus.QUEUED)
    PlanRun.objects.filter(pk=left.pk).update(created_at=started)

    ended = end_abandoned_runs()

    left.refresh_from_db()
    recent.refresh_from_db()
    assert ended == 1
    assert (left.status, recent.status) == (PlanRunStatus.FAILED, PlanRunStatus.QUEUED)
    assert [explain(reason) for reason in left.reasons] == [
        "The run was not finished: the background worker stopped before it ended. Plan again; if it happens "
        "again, check that `values worker` is running."
    ]


def test_progress_reported_on_the_planning_thread_leaves_its_connection_open(programme, monkeypatch):
    # The schedule stage reports on the thread that runs the plan, not on a solver's: its connection is the run's.
    monkeypatch.setattr(services, "PROGRESS_INTERVAL_SECONDS", 0)
    run = PlanRun.objects.create(programme=programme, seed=1, time_limit=5, rules=[])

    services._progress_writer(run)("schedule", 32, 32)

    run.refresh_from_db()
    assert (run.stage, run.best_objective, run.best_bound) == ("schedule", 32, 32)


def test_a_rule_of_a_kind_the_planner_does_not_follow_is_refused_by_name(programme):
    cities = {
        organisation.key: organisation for organisation in Organisation.objects.filter(key__in=["cesena", "riga"])
    }

    with pytest.raises(PlanRuleError) as refused:
        add_plan_rule(programme, kind="ban", city=cities["cesena"], other_city=cities["riga"], theme=None)

    assert refused.value.field == "kind"
    assert not PlanRule.objects.exists()
