"""Every change to benchmark standards and self-assessments."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.core.positions import next_position
from values.core.text import Texts, check_fingerprint, pick, set_translation
from values.core.uploads import (
    CAPTIONS,
    PHOTO,
    VIDEO,
    check_upload_field,
    delete_on_commit,
    delete_with_files,
    save_with_files,
    store,
)
from values.knowledge.enums import PracticeStatus, TargetGroup
from values.knowledge.models import LEVELS, BenchmarkStandard, Practice, PracticePhoto, PracticeVideo, SelfAssessment
from values.knowledge.search import index_practice
from values.network.codes import language_code
from values.network.enums import AuditAction
from values.network.models import Organisation, User
from values.network.services import record_audit
from values.programme.models import Programme
from values.programme.programme_file import FileChecker, load_yaml_document, optional_value, required_value
from values.programme.spec import Problem


@dataclass(frozen=True)
class StandardSpec:
    id: str
    theme: str
    title: Any
    statement: Any
    levels: dict[str, Any]


def read_benchmark_file(source: str | bytes, *, theme_ids: set[str]) -> tuple[list[StandardSpec] | None, list[Problem]]:
    """Every problem of a benchmark file, as `path: reason`; the standards when there is none."""
    raw, problem = load_yaml_document(source)
    if problem is not None:
        return None, [problem]
    checker = FileChecker()
    root = checker.mapping(raw, "(file)", ("standards",), ())
    items = checker.sequence(root.get("standards"), "standards", non_empty=True) if root else None
    standards = [_read_standard(checker, item, f"standards[{i}]", theme_ids) for i, item in enumerate(items or [])]
    checker.unique([(f"standards[{i}].id", s.id if s else None) for i, s in enumerate(standards)], "standard")
    if checker.problems or not items:
        return None, checker.problems
    return standards, []


def _read_standard(checker: FileChecker, raw: Any, path: str, theme_ids: set[str]) -> StandardSpec | None:
    node = checker.mapping(raw, path, ("id", "theme", "title", "statement", "levels"), ())
    if node is None:
        return None
    values = {
        "id": required_value(node, "id", path, checker.identifier),
        "theme": required_value(node, "theme", path, lambda v, p: checker.choice(str(v), p, tuple(sorted(theme_ids)))),
        "title": required_value(node, "title", path, checker.translatable),
        "statement": required_value(node, "statement", path, checker.translatable),
        "levels": optional_value(node, "levels", path, lambda v, p: _levels(checker, v, p), None),
    }
    return None if None in values.values() else StandardSpec(**values)


def _levels(checker: FileChecker, raw: Any, path: str) -> dict[str, Any] | None:
    if not isinstance(raw, dict) or sorted(raw) != list(LEVELS):
        checker.error(path, "must give a text for each of the levels 1, 2, 3 and 4")
        return None
    texts = {str(level): checker.translatable(raw[level], f"{path}.{level}") for level in LEVELS}
    return texts if None not in texts.values() else None


@transaction.atomic
def load_benchmarks(programme: Programme, standards: list[StandardSpec]) -> int:
    """Create or update the standards by id; scores already given to them stay."""
    themes = {theme.key: theme for theme in programme.themes.all()}
    for position, spec in enumerate(standards):
        BenchmarkStandard.objects.update_or_create(
            programme=programme,
            key=spec.id,
            defaults={
                "theme": themes[spec.theme],
                "title": spec.title,
                "statement": spec.statement,
                "levels": spec.levels,
                "position": position,
            },
        )
    return len(standards)


@transaction.atomic
def record_self_assessment(
    organisation: Organisation, *, scores: dict[BenchmarkStandard, tuple[Any, str]], on: date, by: User | None
) -> list[SelfAssessment]:
    """Keep a dated score (1..4) with its evidence for each standard given; earlier scores stay."""
    errors: dict[str, list[str]] = {}
    cleaned = []
    for standard, (score, evidence) in scores.items():
        try:
            value = int(score)
        except (TypeError, ValueError):
            value = 0
        if value not in LEVELS:
            errors[f"score_{standard.key}"] = [_("A score is a level from 1 to 4.")]
        if problem := text_problem("evidence", evidence):
            errors[f"evidence_{standard.key}"] = [problem]
        cleaned.append((standard, value, evidence.strip()))
    if problem := _assessment_date_problem(on, scores):
        errors["assessed_on"] = [problem]
    if errors:
        raise ValidationError(errors)
    return SelfAssessment.objects.bulk_create(
        SelfAssessment(organisation=organisation, standard=s, score=v, evidence=e, assessed_on=on, assessed_by=by)
        for s, v, e in cleaned
    )


def _assessment_date_problem(on: date, scores: dict[BenchmarkStandard, Any]) -> str | None:
    """A score is dated from a year before its programme starts (the needs analysis may come first) to today."""
    if on > timezone.localdate():
        return _("A self-assessment cannot be dated in the future.")
    programme = next(iter(scores)).programme if scores else None
    earliest = programme.start.replace(year=programme.start.year - 1) if programme else EARLIEST_DATE
    if on < earliest:
        return _("A self-assessment is dated from %(date)s, a year before the programme starts.") % {
            "date": earliest.isoformat()
        }
    return None


@transaction.atomic
def save_standard(
    programme: Programme, *, standard: BenchmarkStandard | None = None, key: str, theme, title: dict, statement: dict,
    levels: dict[str, dict],
) -> BenchmarkStandard:  # fmt: skip
    """Create or change a standard; every text needs at least its first language."""
    errors: dict[str, list[str]] = {}
    first = (programme.languages or ["en"])[0]
    for name, value in (("title", title), ("statement", statement), *((f"level_{n}", t) for n, t in levels.items())):
        if not value.get(first, "").strip():
            errors[f"{name}_{first}"] = [_("This text is needed in the programme's first language.")]
        for code, text in value.items():
            if problem := text_problem(name.split("_")[0], text):
                errors[f"{name}_{code}"] = [problem]
    taken = BenchmarkStandard.objects.filter(programme=programme, key=key).exclude(pk=standard.pk if standard else None)
    if taken.exists():
        errors["key"] = [_("Another standard has this id.")]
    if errors:
        raise ValidationError(errors)
    standard = standard or BenchmarkStandard(programme=programme, position=programme.benchmark_standards.count())
    standard.key, standard.theme = key, theme
    standard.title = {code: text.strip() for code, text in title.items() if text.strip()}
    standard.statement = {code: text.strip() for code, text in statement.items() if text.strip()}
    standard.levels = {n: {c: t.strip() for c, t in texts.items() if t.strip()} for n, texts in levels.items()}
    standard.save()
    return standard


# -- bounds of what people type ---------------------------------------------------------------
PRACTICE_TEXTS = ("title", "summary", "body", "results")
# Beyond these a value is a slip of the keyboard (or an attack), never a practice or a score.
MAX_VOLUNTEERS = 1_000_000
EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2099, 12, 31)
TEXT_LIMITS = {
    "title": 200, "summary": 2_000, "body": 50_000, "results": 20_000,  # a practice
    "statement": 2_000, "level": 2_000, "evidence": 5_000,  # a standard and a score
}  # fmt: skip
LABELS = {
    "title": gettext_lazy("Title"), "summary": gettext_lazy("Summary"), "body": gettext_lazy("Description"),
    "results": gettext_lazy("Results and evidence"), "statement": gettext_lazy("Statement"),
    "level": gettext_lazy("Level"), "evidence": gettext_lazy("Evidence"),
    "volunteers": gettext_lazy("Volunteers involved"), "period_start": gettext_lazy("Since"),
    "period_end": gettext_lazy("Until"),
}  # fmt: skip


def volunteers_problem() -> str:
    return _("%(field)s: a whole number from 0 to %(max)s.") % {
        "field": LABELS["volunteers"], "max": number_format(MAX_VOLUNTEERS, force_grouping=True)
    }  # fmt: skip


def text_problem(name: str, text: str) -> str | None:
    """Why a text is refused (too long for what it is), or None."""
    limit = TEXT_LIMITS[name]
    if len(text) <= limit:
        return None
    return _("%(field)s: at most %(limit)s characters, not %(length)s.") % {
        "field": LABELS[name], "limit": number_format(limit, force_grouping=True),
        "length": number_format(len(text), force_grouping=True),
    }  # fmt: skip


def date_problem(name: str, day: date | None) -> str | None:
    if day is None or EARLIEST_DATE <= day <= LATEST_DATE:
        return None
    return _("%(field)s: a date from %(first)s to %(last)s.") % {
        "field": LABELS[name], "first": EARLIEST_DATE.isoformat(), "last": LATEST_DATE.isoformat()
    }  # fmt: skip


def practice_value_problems(texts: dict[str, str], *, volunteers=None, period_start=None, period_end=None) -> dict:
    """The bounds of a practice's texts (in one language), volunteers and period: field name to reason."""
    problems = {name: text_problem(name, texts.get(name) or "") for name in PRACTICE_TEXTS}
    problems["period_start"] = date_problem("period_start", period_start)
    problems["period_end"] = date_problem("period_end", period_end)
    if volunteers is not None and not (isinstance(volunteers, int) and 0 <= volunteers <= MAX_VOLUNTEERS):
        problems["volunteers"] = volunteers_problem()
    return {name: problem for name, problem in problems.items() if problem}


# -- good practices ---------------------------------------------------------------------------


def _check_practice(original_language: str, texts: dict[str, str], **fields) -> dict[str, list[str]]:
    bounded = {name: fields.get(name) for name in ("volunteers", "period_start", "period_end")}
    errors = {name: [problem] for name, problem in practice_value_problems(texts, **bounded).items()}
    if language_code(original_language) != original_language:
        errors["original_language"] = [_("Not an ISO 639-1 language code.")]
    for name in ("title", "summary"):
        if not texts.get(name, "").strip():
            errors[name] = [_("Needed in the original language (%(language)s).") % {"language": original_language}]
    start, end = fields.get("period_start"), fields.get("period_end")
    if start and end and end < start:
        errors["period_end"] = [_("The period ends before it starts.")]
    unknown = [group for group in fields.get("target_groups", []) if group not in TargetGroup.values]
    if unknown:
        errors["target_groups"] = [_("Unknown target groups: %(groups)s.") % {"groups": ", ".join(unknown)}]
    if not fields.get("themes"):
        errors["themes"] = [_("Choose at least one theme.")]
    return errors


@transaction.atomic
def save_practice(
    programme: Programme,
    *,
    practice: Practice | None = None,
    organisation: Organisation,
    by: User | None,
    original_language: str,
    texts: dict[str, str],
    themes,
    **fields,
) -> Practice:
    """Propose a practice (or change one): its texts in the original language, the rest as given."""
    errors = _check_practice(original_language, texts, themes=themes, **fields)
    if errors:
        raise ValidationError(errors)
    if practice is None:
        practice = Practice(programme=programme, proposed_by=by)
        for name in PRACTICE_TEXTS:
            setattr(practice, name, {})
    practice.organisation, practice.original_language = organisation, original_language
    for name in PRACTICE_TEXTS:
        value = dict(getattr(practice, name) or {})
        value[original_language] = texts.get(name, "").strip()
        setattr(practice, name, {code: text for code, text in value.items() if text})
    for name, value in fields.items():
        setattr(practice, name, value)
    practice.save()
    practice.themes.set(themes)
    index_practice(practice)
    return practice


@transaction.atomic
def translate_practice(
    practice: Practice, *, language: str, texts: dict[str, str], seen: str | None = None
) -> Practice:
    """Add or change the texts in another language; a missing one falls back to the original. `seen` is the
    fingerprint of the texts the translator's page showed: a save over texts changed since is refused
    (TranslationConflict), so that nobody's work is lost."""
    if language_code(language) is None:
        raise ValidationError({"language": [_("Not an ISO 639-1 language code.")]})
    if language == practice.original_language:
        raise ValidationError({"language": [_("This is the original language: change it on the edit page.")]})
    locked = Practice.objects.select_for_update().get(pk=practice.pk)
    for name in PRACTICE_TEXTS:
        setattr(practice, name, getattr(locked, name))
    practice.original_language = locked.original_language
    check_fingerprint(seen, practice_texts(practice), original=practice.original_language)
    if not texts.get("title", "").strip():
        raise ValidationError({"title": [_("A translation needs at least the title.")]})
    if problems := practice_value_problems(texts):
        raise ValidationError({name: [problem] for name, problem in problems.items()})
    set_translation(practice, language, texts, PRACTICE_TEXTS)
    practice.save(update_fields=list(PRACTICE_TEXTS))
    index_practice(practice)
    return practice


def practice_texts(practice: Practice) -> Texts:
    """A practice's translatable texts, field name to language→text."""
    return {name: getattr(practice, name) or {} for name in PRACTICE_TEXTS}


def publish_practice(practice: Practice, *, by: User | None = None) -> Practice:
    """Make a practice public; every video needs its captions first."""
    uncaptioned = [pick(video.title) for video in practice.videos.filter(captions="")]
    if uncaptioned:
        raise ValidationError(
            {"videos": [_("Add WebVTT captions to these videos before publishing: %(titles)s.") % {
                "titles": "; ".join(uncaptioned)}]}
        )  # fmt: skip
    practice.status, practice.published_at = PracticeStatus.PUBLISHED, timezone.now()
    practice.save(update_fields=["status", "published_at"])
    record_audit(AuditAction.PUBLISHED, by=by, target=f"practice {practice.pk}: {pick(practice.title)}")
    return practice


def show_practice_in(practice: Practice, programme: Programme, *, by: User) -> Practice:
    """Let another programme's readers find a published practice too; its coordinator decides."""
    from values.knowledge.permissions import programmes_to_show_in  # lazy: permissions imports the models only

    if not programmes_to_show_in(by, practice).filter(pk=programme.pk).exists():
        raise PermissionDenied(_("Only a coordinator of another programme shows a published practice in it."))
    practice.shown_in_programmes.add(programme)
    record_audit(
        AuditAction.PUBLISHED, by=by, target=f"practice {practice.pk} in {programme.code}: {pick(practice.title)}"
    )
    return practice


def stop_showing_practice_in(practice: Practice, programme: Programme, *, by: User) -> Practice:
    """Take a practice out of another programme's list (that programme's coordinator, or the practice's own)."""
    from values.programme.permissions import is_coordinator

    if not (is_coordinator(by, programme) or is_coordinator(by, practice.programme_id)):
        raise PermissionDenied(_("Only a coordinator of either programme takes the practice out of the list."))
    practice.shown_in_programmes.remove(programme)
    record_audit(
        AuditAction.WITHDRAWN, by=by, target=f"practice {practice.pk} in {programme.code}: {pick(practice.title)}"
    )
    return practice


# -- photos and videos ------------------------------------------------------------------------
# Each upload is checked (an image decoded) before the transaction opens: SQLite would hold its write lock meanwhile.
def add_photo(practice: Practice, *, image: UploadedFile | None, alt_text: str, caption: str = "", by: User | None):
    """A photo with its alt text in the practice's original language; a photo without one is refused."""
    errors: dict[str, list[str]] = {}
    if not alt_text.strip():
        errors["alt_text"] = [_("Describe the photo for people who cannot see it.")]
    if image is None:
        errors["image"] = [_("Choose a photo.")]
    checked = check_upload_field(image, PHOTO, "image", errors)
    if errors:
        raise ValidationError(errors)
    language = practice.original_language
    with transaction.atomic():
        photo = PracticePhoto(
            practice=practice, content_type=checked.format.mime, alt_text={language: alt_text.strip()},
            caption={language: caption.strip()} if caption.strip() else {}, uploaded_by=by,
            position=next_position(practice.photos),
        )  # fmt: skip
        store(photo.image, checked, "photo")
        save_with_files(photo, photo.image)
    return photo


def add_video(
    practice: Practice, *, title: str, file: UploadedFile | None = None, url: str = "",
    captions: UploadedFile | None = None, captions_language: str = "", by: User | None,
) -> PracticeVideo:  # fmt: skip
    """A video uploaded or linked (one of the two); once the practice is public, only with captions."""
    errors: dict[str, list[str]] = {}
    url = url.strip()
    if not title.strip():
        errors["title"] = [_("Give the video a title.")]
    if bool(file) == bool(url):
        errors["file"] = [_("Upload a video file or give a link, not both.")]
    if url:
        try:
            URLValidator(schemes=["https"])(url)
        except ValidationError:
            errors["url"] = [_("A link starts with https:// and names a web address.")]
    if practice.status == PracticeStatus.PUBLISHED and captions is None:
        errors["captions"] = [_("The practice is published: a video needs its WebVTT captions.")]
    checked_video = check_upload_field(file, VIDEO, "file", errors)
    checked_captions = check_upload_field(captions, CAPTIONS, "captions", errors)
    language = _captions_language(captions_language, practice, errors) if captions else ""
    if errors:
        raise ValidationError(errors)
    video = PracticeVideo(
        practice=practice, title={practice.original_language: title.strip()}, url=url, uploaded_by=by,
        content_type=checked_video.format.mime if checked_video else "", captions_language=language,
    )  # fmt: skip
    with transaction.atomic():
        if checked_video:
            store(video.file, checked_video, "video")
        if checked_captions:
            store(video.captions, checked_captions, "captions")
        save_with_files(video, video.file, video.captions)
    return video


def _captions_language(code: str, practice: Practice, errors: dict[str, list[str]]) -> str:
    code = (code or practice.original_language).strip().lower()
    if language_code(code) is None:
        errors["captions_language"] = [_("Not an ISO 639-1 language code.")]
    return code


def add_captions(video: PracticeVideo, *, captions: UploadedFile | None, captions_language: str = "") -> PracticeVideo:
    """Give a video its WebVTT captions, or replace them."""
    errors: dict[str, list[str]] = {}
    if captions is None:
        errors["captions"] = [_("Choose a WebVTT file.")]
    checked = check_upload_field(captions, CAPTIONS, "captions", errors)
    language = _captions_language(captions_language, video.practice, errors)
    if errors:
        raise ValidationError(errors)
    previous = video.captions.name
    with transaction.atomic():
        store(video.captions, checked, "captions")
        video.captions_language = language
        save_with_files(video, video.captions)
        delete_on_commit(video.captions, previous)
    return video


def remove_photo(photo: PracticePhoto) -> None:
    delete_with_files(photo, photo.image)


def remove_video(video: PracticeVideo) -> None:
    """Remove a video with its file and captions."""
    delete_with_files(video, video.file, video.captions)
