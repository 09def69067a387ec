"""Translations (issue #16): a partner's texts that lack a translation into the programme's languages, and a
page to translate each side by side with its original. Who may see and change which text is its app's rule."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from values.core.languages import is_right_to_left, language_name
from values.core.text import TranslationConflict, translation_fingerprint
from values.network.models import Organisation
from values.publishing.forms import SideBySideForm
from values.publishing.translations import Kind, check_target_language, gaps, kind_of


@login_required
@require_GET
def translations(request: HttpRequest) -> HttpResponse:
    """The signed-in person's texts lacking a translation (the coordinator's: every partner's, by partner)."""
    programme = request.programme
    if not request.access.translate_texts:
        raise PermissionDenied
    partners, partner = [], None
    if request.access.coordinate:
        partners = list(Organisation.objects.filter(partnerships__programme=programme).order_by("key"))
        key = request.GET.get("partner", "")
        partner = next((organisation for organisation in partners if organisation.key == key), None)
        if key and partner is None:
            message = _("Partner: choose one of the programme's partners.")
            context = {"programme": programme, "partners": partners, "error": message, "found": [], "counts": []}
            return render(request, "publishing/translations.html", context, status=400)
    found = gaps(request.user, programme, organisation=partner)
    counted = Counter(language for gap in found for language in gap.missing)
    context = {
        "programme": programme,
        "found": found,
        "counts": [(code, language_name(code), counted[code]) for code in programme.languages],
        "partners": partners,
        "partner": partner,
    }
    return render(request, "publishing/translations.html", context)


def _item(request: HttpRequest, kind: Kind, item_id: int, language: str):
    """The text if this person may change it, and the language if it is one of the programme's other than the
    original's: else 404 (403 for a text they may see but not change)."""
    item = kind.for_edit(request.user, request.programme, item_id)
    check_target_language(request.programme, item, language)
    return item


def _original(kind: Kind, item) -> list[tuple[str, str]]:
    texts = kind.texts(item)
    return [(field.label, texts[field.name].get(item.original_language, "")) for field in kind.fields]


@login_required
@require_http_methods(["GET", "POST"])
def translation(request: HttpRequest, kind: str, item_id: int, language: str) -> HttpResponse:
    """One text's original beside its translation into `language`; a save over texts changed since is refused."""
    found = kind_of(kind)
    item = _item(request, found, item_id, language)
    direction = "rtl" if is_right_to_left(language) else "ltr"
    texts = found.texts(item)
    seen = translation_fingerprint(texts, original=item.original_language, language=language)
    initial = {"seen": seen, **{name: value.get(language, "") for name, value in texts.items()}}
    form = SideBySideForm(
        request.POST if request.method == "POST" else None, kind=found, language=language, direction=direction,
        initial=initial,
    )  # fmt: skip
    status, conflict = (400 if request.method == "POST" else 200), None
    try:
        if request.method == "POST" and form.is_valid() and form.save(item):
            messages.success(request, _("The translation was saved."))
            return redirect("translations")
    except TranslationConflict as refused:
        item = found.for_edit(request.user, request.programme, item_id)  # as it is now
        data = request.POST.copy()
        data["seen"] = translation_fingerprint(found.texts(item), original=item.original_language, language=language)
        form = SideBySideForm(data, kind=found, language=language, direction=direction)
        status, conflict = 409, refused
    context = {
        "kind": found,
        "item": item,
        "language": language,
        "original": _original(found, item),
        "original_direction": "rtl" if is_right_to_left(item.original_language) else "ltr",
        "form": form,
        "conflict": conflict,
        "current": [(f.label, found.texts(item)[f.name].get(language, "")) for f in found.fields] if conflict else [],
        "direction": direction,
    }
    return render(request, "publishing/translation.html", context, status=status)
