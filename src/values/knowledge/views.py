from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from values.knowledge.forms import SelfAssessmentForm, StandardForm
from values.knowledge.models import BenchmarkStandard
from values.knowledge.permissions import can_maintain_benchmarks, require_benchmark_maintainer
from values.knowledge.queries import city_scores, standards_of
from values.network.permissions import get_organisation_for_edit
from values.programme.views import programme_or_404


@login_required
def benchmarks(request: HttpRequest) -> HttpResponse:
    programme = programme_or_404()
    context = {
        "programme": programme,
        "standards": standards_of(programme),
        "can_maintain": can_maintain_benchmarks(request.user),
    }
    return render(request, "knowledge/benchmarks.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def standard_edit(request: HttpRequest, key: str | None = None) -> HttpResponse:
    require_benchmark_maintainer(request.user)
    programme = programme_or_404()
    standard = get_object_or_404(BenchmarkStandard, programme=programme, key=key) if key else None
    form = StandardForm(request.POST or None, programme=programme, standard=standard)
    if request.method == "POST" and form.is_valid() and form.save():
        messages.success(request, _("The standard was saved."))
        return redirect("benchmarks")
    context = {"form": form, "standard": standard, "programme": programme}
    return render(request, "knowledge/standard_edit.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def self_assessment(request: HttpRequest, key: str) -> HttpResponse:
    organisation = get_organisation_for_edit(request.user, key)
    if not organisation.is_city:
        raise Http404("only cities assess themselves")
    programme = programme_or_404()
    standards = list(standards_of(programme))
    latest = {
        row.standard.pk: (row.latest, row.evidence)
        for scores in city_scores(organisation, programme)
        for row in scores.rows
    }
    form = SelfAssessmentForm(request.POST or None, standards=standards, latest=latest)
    if request.method == "POST" and form.is_valid() and form.save(organisation, by=request.user):
        messages.success(request, _("The self-assessment was recorded."))
        return redirect("partner", key=organisation.key)
    context = {"organisation": organisation, "form": form, "programme": programme}
    return render(request, "knowledge/self_assessment.html", context, status=400 if request.method == "POST" else 200)
