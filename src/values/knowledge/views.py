from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from values.core.languages import language_name
from values.core.markdown import render_markdown
from values.core.ranges import ranged_file_response
from values.core.text import TranslationConflict, active_language, pick, translation_fingerprint
from values.knowledge.enums import PracticeStatus
from values.knowledge.forms import (
    CaptionsForm,
    PhotoForm,
    PracticeFilterForm,
    PracticeForm,
    SelfAssessmentForm,
    ShowInProgrammeForm,
    StandardForm,
    TranslationForm,
    VideoForm,
)
from values.knowledge.models import BenchmarkStandard, Practice, PracticePhoto, PracticeVideo
from values.knowledge.permissions import (
    can_edit_practice,
    get_practice_for_edit,
    get_practice_for_view,
    programmes_to_show_in,
    proposing_organisations,
    require_benchmark_maintainer,
)
from values.knowledge.queries import (
    city_scores,
    filter_practices,
    practice_file,
    practices_visible_to,
    ranked_practices,
    shown_in,
    standards_of,
)
from values.knowledge.services import (
    practice_texts,
    publish_practice,
    remove_photo,
    remove_video,
    show_practice_in,
    stop_showing_practice_in,
)
from values.programme.permissions import coordinated_programmes, get_partner_organisation_for_edit


@login_required
def benchmarks(request: HttpRequest) -> HttpResponse:
    programme = request.programme
    context = {
        "programme": programme,
        "standards": standards_of(programme),
        "can_maintain": request.access.maintain_benchmarks,
    }
    return render(request, "knowledge/benchmarks.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def standard_edit(request: HttpRequest, key: str | None = None) -> HttpResponse:
    require_benchmark_maintainer(request.user, request.programme)
    programme = request.programme
    standard = get_object_or_404(BenchmarkStandard, programme=programme, key=key) if key else None
    form = StandardForm(request.POST if request.method == "POST" else None, programme=programme, standard=standard)
    if request.method == "POST" and form.is_valid() and form.save():
        messages.success(request, _("The standard was saved."))
        return redirect("benchmarks")
    context = {"form": form, "standard": standard, "programme": programme}
    return render(request, "knowledge/standard_edit.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def self_assessment(request: HttpRequest, key: str) -> HttpResponse:
    organisation = get_partner_organisation_for_edit(request.user, request.programme, key)
    if not organisation.is_city:
        raise Http404("only cities assess themselves")
    programme = request.programme
    standards = list(standards_of(programme))
    latest = {
        row.standard.pk: (row.latest, row.evidence)
        for scores in city_scores(organisation, programme)
        for row in scores.rows
    }
    form = SelfAssessmentForm(request.POST if request.method == "POST" else None, standards=standards, latest=latest)
    if request.method == "POST" and form.is_valid() and form.save(organisation, by=request.user):
        messages.success(request, _("The self-assessment was recorded."))
        return redirect("partner", key=organisation.key)
    context = {"organisation": organisation, "form": form, "programme": programme}
    return render(request, "knowledge/self_assessment.html", context, status=400 if request.method == "POST" else 200)


def practice_list(request: HttpRequest) -> HttpResponse:
    """One search box over every translation, with filters; results in the reader's language."""
    programme = request.programme
    filters = PracticeFilterForm(request.GET or None, programme=programme)
    practices = practices_visible_to(request.user, programme)
    if filters.is_valid():
        practices = filter_practices(practices, **filters.cleaned_data)
    query = filters.cleaned_data.get("q", "") if filters.is_valid() else ""
    results = ranked_practices(practices, query)
    context = {
        "programme": programme,
        "results": results,
        "filters": filters,
        "query": query,
        "can_propose": proposing_organisations(request.user, request.programme).exists(),
    }
    return render(request, "knowledge/practice_list.html", context)


def _visible_practice(request: HttpRequest, practice_id: int) -> Practice:
    return get_practice_for_view(request.user, request.programme, practice_id)


def _editable_practice(request: HttpRequest, practice_id: int) -> Practice:
    return get_practice_for_edit(request.user, request.programme, practice_id)


def practice_page(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice = _visible_practice(request, practice_id)
    language = active_language()
    context = {
        "practice": practice,
        "translated": language in practice.title,
        "language": language,
        "body_html": render_markdown(pick(practice.body, language)),
        "results_html": render_markdown(pick(practice.results, language)),
        **_programmes_context(request, practice),
        "can_publish": request.access.coordinate and practice.status != "published",
    }
    return render(request, "knowledge/practice.html", context)


def _programmes_context(request: HttpRequest, practice: Practice) -> dict:
    """Its own programme's page edits it and lists the visits it was shown in; another programme's shows where it
    comes from. A coordinator of other programmes shows it there too."""
    own = practice.programme_id == request.programme.pk
    shown_elsewhere = list(practice.shown_in_programmes.order_by("-start", "code")) if own else []
    choices = programmes_to_show_in(request.user, practice).exclude(pk__in=[p.pk for p in shown_elsewhere])
    coordinated = set(coordinated_programmes(request.user).values_list("pk", flat=True)) if shown_elsewhere else set()
    return {
        "own": own,
        "shown_in": shown_in(practice) if own else [],
        "can_edit": own and can_edit_practice(request.user, practice),
        "shown_elsewhere": [(p, p.pk in coordinated or request.access.coordinate) for p in shown_elsewhere],
        "show_in_form": ShowInProgrammeForm(programmes=choices) if own and choices.exists() else None,
    }


@login_required
@require_POST
def practice_show_in(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice = _visible_practice(request, practice_id)
    form = ShowInProgrammeForm(request.POST, programmes=programmes_to_show_in(request.user, practice))
    if not form.is_valid():
        if not programmes_to_show_in(request.user, practice).exists():
            raise PermissionDenied(_("Only a coordinator of another programme shows a published practice in it."))
        messages.error(request, _("Choose one of the programmes you coordinate."))
        return redirect("practice", practice_id=practice.pk)
    programme = form.cleaned_data["programme"]
    show_practice_in(practice, programme, by=request.user)
    messages.success(request, _("The practice is shown in %(programme)s too.") % {"programme": programme.acronym})
    return redirect("practice", practice_id=practice.pk)


@login_required
@require_POST
def practice_stop_showing(request: HttpRequest, practice_id: int, code: str) -> HttpResponse:
    practice = _visible_practice(request, practice_id)
    programme = get_object_or_404(practice.shown_in_programmes, code=code)
    stop_showing_practice_in(practice, programme, by=request.user)
    messages.success(request, _("The practice is no longer shown in %(programme)s.") % {"programme": programme.acronym})
    return redirect("practice", practice_id=practice.pk)


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request: HttpRequest, practice_id: int | None = None) -> HttpResponse:
    programme = request.programme
    practice = _editable_practice(request, practice_id) if practice_id else None
    organisations = proposing_organisations(request.user, request.programme)
    if not organisations.exists():
        raise PermissionDenied
    form = PracticeForm(
        request.POST if request.method == "POST" else None,
        programme=programme,
        organisations=organisations,
        practice=practice,
    )
    if request.method == "POST" and form.is_valid() and (saved := form.save(by=request.user)):
        messages.success(request, _("The practice was saved; the coordinator publishes it."))
        return redirect("practice", practice_id=saved.pk)
    context = {"form": form, "practice": practice, "title": _("Propose a good practice")}
    return render(request, "knowledge/practice_edit.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def practice_translate(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice = _editable_practice(request, practice_id)
    seen = translation_fingerprint(practice_texts(practice), original=practice.original_language, language="*")
    form = TranslationForm(request.POST if request.method == "POST" else None, initial={"seen": seen})
    context = {"form": form, "practice": practice, "title": _("Translate the practice")}
    try:
        if request.method == "POST" and form.is_valid() and form.save(practice):
            messages.success(request, _("The translation was saved."))
            return redirect("practice", practice_id=practice.pk)
    except TranslationConflict as conflict:
        practice.refresh_from_db()
        seen = translation_fingerprint(practice_texts(practice), original=practice.original_language, language="*")
        data = request.POST.copy()
        data["seen"] = seen  # the typed text stays, and a second send saves it over the current texts
        context["form"] = TranslationForm(data)
        context |= {"conflict": conflict, "current": _current_texts(practice)}
        return render(request, "knowledge/practice_edit.html", context, status=409)
    return render(request, "knowledge/practice_edit.html", context, status=400 if request.method == "POST" else 200)


def _current_texts(practice: Practice) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Each language's texts of the practice as stored now, the original first: shown beside a refused save."""
    texts = practice_texts(practice)
    codes = sorted({code for value in texts.values() for code in value}, key=lambda c: c != practice.original_language)
    labels = dict(TranslationForm.base_fields.items())
    return [
        (
            code,
            language_name(code),
            [(labels[name].label, texts[name][code]) for name in texts if texts[name].get(code)],
        )
        for code in codes
    ]


@login_required
@require_POST
def practice_publish(request: HttpRequest, practice_id: int) -> HttpResponse:
    if not request.access.coordinate:
        raise PermissionDenied
    practice = get_object_or_404(Practice, pk=practice_id, programme=request.programme)
    try:
        publish_practice(practice, by=request.user)
    except ValidationError as problem:
        for message in problem.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The practice is published."))
    return redirect("practice", practice_id=practice.pk)


# -- photos and videos ------------------------------------------------------------------------
def _media_page(request: HttpRequest, practice: Practice, status: int = 200, **forms) -> HttpResponse:
    videos = [
        (video, forms.get(f"captions_{video.pk}") or CaptionsForm(prefix=f"v{video.pk}"))
        for video in practice.videos.all()
    ]
    context = {
        "practice": practice,
        "photos": practice.photos.all(),
        "videos": videos,
        "photo_form": forms.get("photo") or PhotoForm(prefix="photo"),
        "video_form": forms.get("video") or VideoForm(prefix="video"),
    }
    return render(request, "knowledge/practice_media.html", context, status=status)


@login_required
def practice_media(request: HttpRequest, practice_id: int) -> HttpResponse:
    return _media_page(request, _editable_practice(request, practice_id))


def _add_media(request: HttpRequest, practice_id: int, form_class, prefix: str, done: str) -> HttpResponse:
    practice = _editable_practice(request, practice_id)
    form = form_class(request.POST, request.FILES, prefix=prefix)
    if form.is_valid() and form.save(practice, by=request.user):
        messages.success(request, done)
        return redirect("practice_media", practice_id=practice.pk)
    return _media_page(request, practice, status=400, **{prefix: form})


@login_required
@require_POST
def photo_add(request: HttpRequest, practice_id: int) -> HttpResponse:
    return _add_media(request, practice_id, PhotoForm, "photo", _("The photo was added."))


@login_required
@require_POST
def video_add(request: HttpRequest, practice_id: int) -> HttpResponse:
    return _add_media(request, practice_id, VideoForm, "video", _("The video was added."))


@login_required
@require_POST
def video_captions(request: HttpRequest, practice_id: int, video_id: int) -> HttpResponse:
    practice = _editable_practice(request, practice_id)
    video = get_object_or_404(PracticeVideo, pk=video_id, practice=practice)
    form = CaptionsForm(request.POST, request.FILES, prefix=f"v{video.pk}")
    if form.is_valid() and form.save(video):
        messages.success(request, _("The captions were saved."))
        return redirect("practice_media", practice_id=practice.pk)
    return _media_page(request, practice, status=400, **{f"captions_{video.pk}": form})


@login_required
@require_POST
def media_remove(request: HttpRequest, practice_id: int, part: str, item_id: int) -> HttpResponse:
    practice = _editable_practice(request, practice_id)
    if part == "photo":
        remove_photo(get_object_or_404(PracticePhoto, pk=item_id, practice=practice))
    else:
        remove_video(get_object_or_404(PracticeVideo, pk=item_id, practice=practice))
    messages.success(request, _("Removed."))
    return redirect("practice_media", practice_id=practice.pk)


def media_file(request: HttpRequest, practice_id: int, part: str, item_id: int) -> HttpResponse:
    """A photo, video or captions file, to whoever may see its practice."""
    practice = _visible_practice(request, practice_id)
    stored, content_type = practice_file(practice, part, item_id)
    response = ranged_file_response(request, stored, content_type)
    public = practice.status == PracticeStatus.PUBLISHED
    response["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    return response
