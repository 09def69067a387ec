from django.tasks import task

from values.programme.models import Programme
from values.publishing.models import Toolkit


@task
def build_toolkit_task(toolkit_id: int) -> str:
    """Build one toolkit in the background; its page shows the progress, then the edition."""
    from values.publishing.services import build_toolkit  # lazy: the services enqueue this task

    toolkit = Toolkit.objects.select_related("programme", "theme").filter(pk=toolkit_id).first()
    return build_toolkit(toolkit).status if toolkit else "gone"


@task
def refresh_toolkits_task() -> int:
    """Queue new editions of the toolkits whose sources changed; the worker runs this on a clock."""
    from values.publishing.services import refresh_stale_toolkits

    return sum(len(refresh_stale_toolkits(programme)) for programme in Programme.objects.all())
