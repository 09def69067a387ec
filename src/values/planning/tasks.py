from django.tasks import task

from values.planning.models import PlanRun


@task
def run_planner(run_id: int) -> str:
    """Plan in the background; the page shows the run's progress and then its result."""
    from values.planning.services import execute_plan_run  # lazy: services enqueue this task

    run = PlanRun.objects.select_related("programme").get(pk=run_id)
    return execute_plan_run(run).status


@task
def end_abandoned_runs_task() -> int:
    """Queued by the worker's clock: runs whose worker stopped end as failed, with the reason."""
    from values.planning.services import end_abandoned_runs  # lazy: services enqueue run_planner

    return end_abandoned_runs()
