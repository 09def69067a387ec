"""The REST API, version 1 (`/api/v1/`): the same services and permission rules as the web pages.

Operations live in one module per domain (`programmes`, `practices`, …), each a ninja `Router` that parses,
calls the owning app's `services.py` / `queries.py` and `request.access`, and answers; refusals become problem
details (`problems.py`). The OpenAPI 3.1 description is at `/api/v1/schema/` and rendered at `/api/v1/docs/`.
"""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from values.api import openapi, problems
from values.api.actionplans import router as actionplans
from values.api.activities import router as activities
from values.api.amendments import router as amendments
from values.api.callers import CallerAuth
from values.api.campaigns import router as campaigns
from values.api.finance import router as finance
from values.api.invitations import router as invitations
from values.api.media import router as media
from values.api.monitoring import router as monitoring
from values.api.opendata import router as opendata
from values.api.planning import router as planning
from values.api.practices import router as practices
from values.api.programmes import router as programmes
from values.api.rates import router as rates
from values.api.report_templates import router as report_templates
from values.api.reports import router as reports
from values.api.switching import router as switching
from values.api.training import router as training
from values.api.volunteering import router as volunteering
from values.api.volunteers import router as volunteers

DESCRIPTION = """\
Read and change a programme's partners, activities, reports, action plans, good practices, budgets and
volunteering as the web pages allow the same person. Authenticate with a personal API token from your
account page (`Authorization: Bearer values_…`); without one, only what is public can be read. Lists come in
pages (`limit`, `offset`). Errors are RFC 9457 problem details. Records people edit together carry an `ETag`:
send it back as `If-Match` with a change, or get `412` with the current version.
"""


class ValuesAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict | None = None):
        return openapi.finish(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))

    def create_response(self, request: HttpRequest, data, *, status=None, temporal_response=None) -> HttpResponse:
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        for name, value in problems.rate_headers(request).items():
            response[name] = value
        return response


api = ValuesAPI(
    title="VALUES platform API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url=None,  # the documentation is our own page (values.api.views.docs): no script from elsewhere
    auth=CallerAuth(),
)
problems.install(api)
DOMAINS = (
    programmes, practices, media, switching, activities, invitations, reports, report_templates, actionplans,
    finance, rates, volunteering, volunteers, training, campaigns, planning, opendata, monitoring, amendments,
)  # fmt: skip
for domain in DOMAINS:
    api.add_router("/programmes/", domain)
