"""`sample_data` on every page of a programme that holds generated sample data (the banner says so)."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from values.demo.models import SampleData


def sample_data(request: HttpRequest) -> dict:
    programme = getattr(request, "programme", None)
    if programme is None:
        return {"sample_data": None}
    # Lazy: only a page that shows the banner asks the database.
    found = SimpleLazyObject(lambda: SampleData.objects.filter(programme=programme).select_related("programme").first())
    return {"sample_data": found}
