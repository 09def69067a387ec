"""Changes to toolkits: asking for a new edition, building it with its progress, keeping editions current."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from values.core.positions import next_position
from values.core.uploads import KIT, check_upload_field, delete_with_files, save_with_files, store
from values.knowledge.enums import PracticeStatus
from values.network.enums import AuditAction
from values.network.models import User
from values.network.services import record_audit
from values.programme.models import Programme, Theme
from values.programme.queries import partners_of, themes_of
from values.publishing.enums import PENDING_STATUSES, AssetKind, ToolkitStage, ToolkitStatus
from values.publishing.infographics import infographic_keys
from values.publishing.models import Campaign, CampaignAsset, CampaignChannel, CampaignMessage, ReachFigure, Toolkit
from values.publishing.toolkits import compile_all_toolkits, compile_toolkit, toolkit_html, toolkit_pdf

logger = logging.getLogger(__name__)

# A build that has not finished after this long lost its worker (a restart, a crash): ask again.
ABANDONED_AFTER = timedelta(minutes=30)


def toolkit_languages(programme: Programme) -> list[str]:
    """The languages a programme's toolkits are kept in: the programme file's `languages` that the interface
    speaks on every page (a toolkit is written for staff and volunteers, not only for newcomers). Any other
    partner language is written on demand by `values toolkit --lang`."""
    own = [code for code in programme.languages if code in settings.PARTNER_LANGUAGES]
    return own or [settings.LANGUAGE_CODE]


def ensure_toolkits(programme: Programme, theme: Theme | None = None) -> list[Toolkit]:
    """All the programme's toolkits (or one theme's), each language, created the first time they are asked for."""
    subjects: list[Theme | None] = [theme] if theme else [None, *themes_of(programme)]
    return [
        Toolkit.objects.get_or_create(programme=programme, theme=subject, language=language)[0]
        for subject in subjects
        for language in toolkit_languages(programme)
    ]


def request_build(toolkit: Toolkit) -> bool:
    """Queue a new edition unless one is already on its way (or was abandoned); True when this call queued it."""
    from values.publishing.tasks import build_toolkit_task  # lazy: the task calls back into this module

    waiting = Q(status__in=PENDING_STATUSES) & Q(requested_at__gt=timezone.now() - ABANDONED_AFTER)
    claimed = (
        Toolkit.objects.filter(pk=toolkit.pk)
        .exclude(waiting)
        .update(status=ToolkitStatus.QUEUED, progress=0, stage="", error="", requested_at=timezone.now())
    )
    if claimed:
        build_toolkit_task.enqueue(toolkit.pk)
    toolkit.refresh_from_db()
    return bool(claimed)


def build_toolkit(toolkit: Toolkit) -> Toolkit:
    """Compile the toolkit from the data as it is now and keep both editions; a failure is kept with its reason."""
    digest = ""
    try:
        _progress(toolkit, 5, ToolkitStage.GATHERING)
        content = compile_toolkit(toolkit.programme, toolkit.theme, toolkit.language)
        digest = content.digest()
        _progress(toolkit, 25, ToolkitStage.WEB)
        html = toolkit_html(content)
        _progress(toolkit, 35, ToolkitStage.PDF)
        pdf, pages = toolkit_pdf(content)
        _progress(toolkit, 95, ToolkitStage.SAVING)
        _keep_edition(toolkit, html=html, pdf=pdf, pages=pages, digest=digest)
    except Exception as error:  # any failure must reach the coordinator's page, not vanish in a log
        logger.exception("toolkit %s could not be built", toolkit.pk)
        # The digest is kept so that the same sources are not retried forever; a change retries.
        Toolkit.objects.filter(pk=toolkit.pk).update(
            status=ToolkitStatus.FAILED, stage="", error=f"{type(error).__name__}: {error}", sources_digest=digest
        )
    toolkit.refresh_from_db()
    return toolkit


def _progress(toolkit: Toolkit, percent: int, stage: ToolkitStage) -> None:
    # An update of its own, committed at once, so that the page shows it while the build goes on.
    Toolkit.objects.filter(pk=toolkit.pk).update(status=ToolkitStatus.BUILDING, progress=percent, stage=stage)


def _keep_edition(toolkit: Toolkit, *, html: str, pdf: bytes, pages: int, digest: str) -> None:
    previous = toolkit.pdf.name
    name = f"{toolkit.programme.acronym}-toolkit-{toolkit.key}-{toolkit.language}.pdf".lower()
    toolkit.pdf.save(name, ContentFile(pdf), save=False)
    Toolkit.objects.filter(pk=toolkit.pk).update(
        status=ToolkitStatus.READY,
        progress=100,
        stage="",
        error="",
        html=html,
        pdf=toolkit.pdf.name,
        pages=pages,
        sources_digest=digest,
        built_at=timezone.now(),
    )
    if previous and previous != toolkit.pdf.name:
        toolkit.pdf.storage.delete(previous)


def refresh_stale_toolkits(programme: Programme) -> list[Toolkit]:
    """Queue a new edition of each toolkit that has none or whose sources changed since its edition."""
    queued, contents = [], {}
    for toolkit in ensure_toolkits(programme):
        if toolkit.language not in contents:  # every toolkit of a language from one pass over the chapters
            contents[toolkit.language] = compile_all_toolkits(programme, toolkit.language)
        current = contents[toolkit.language][toolkit.theme_id].digest()
        # request_build leaves alone an edition already on its way: that one sees the changes too.
        if (toolkit.status == ToolkitStatus.NEW or current != toolkit.sources_digest) and request_build(toolkit):
            queued.append(toolkit)
    return queued


# --- Campaigns -------------------------------------------------------------------------------
# Beyond these a value is a slip of the keyboard (or an attack): refused with its field, never stored.
MAX_COUNT = 1_000_000_000  # people reached, engagements, a target: more than any city's channel
LATEST_DATE = date(2099, 12, 31)
TEXT_LIMITS = {"title": 200, "call_to_action": 500, "pitch": 10_000, "text": 2_000, "audience": 100, "note": 300}
LABELS = {
    "title": gettext_lazy("Title"), "call_to_action": gettext_lazy("Call to action"), "pitch": gettext_lazy("Pitch"),
    "text": gettext_lazy("Message"), "audience": gettext_lazy("Audience"), "note": gettext_lazy("Note"),
    "reach": gettext_lazy("People reached"), "engagements": gettext_lazy("Engagements"),
    "target_reach": gettext_lazy("Target reach"),
}  # fmt: skip


def count_problem(name: str) -> str:
    return _("%(field)s: a whole number from 0 to %(max)s.") % {
        "field": LABELS[name], "max": number_format(MAX_COUNT, force_grouping=True)
    }  # fmt: skip


def _count_errors(errors: dict[str, list[str]], **counts) -> None:
    for name, value in counts.items():
        if value is not None and (type(value) is not int or not 0 <= value <= MAX_COUNT):
            errors[name] = [count_problem(name)]


def _text_errors(errors: dict[str, list[str]], name: str, value: str | dict[str, str] | None) -> None:
    """A text (or each language of a translatable one) no longer than its limit; a problem keyed like its field."""
    texts = value if isinstance(value, dict) else {"": value or ""}
    for code, text in texts.items():
        if len(text or "") > TEXT_LIMITS[name]:
            message = _("%(field)s: at most %(limit)s characters, not %(length)s.") % {
                "field": LABELS[name], "limit": number_format(TEXT_LIMITS[name], force_grouping=True),
                "length": number_format(len(text), force_grouping=True),
            }  # fmt: skip
            errors[f"{name}_{code}" if code else name] = [message]


def _texts(value: dict[str, str] | None) -> dict[str, str]:
    """A translatable text as stored: the languages given, trimmed, the empty ones left out."""
    return {code: text.strip() for code, text in (value or {}).items() if text and text.strip()}


def _language_errors(errors: dict[str, list[str]], name: str, value: dict[str, str] | None, programme) -> None:
    """A translatable text only in the programme's languages (the pages offer a field for each, nothing else)."""
    languages = programme.languages or ["en"]
    for code in value or {}:
        if code not in languages:
            errors[f"{name}_{code}"] = [_("%(code)s is not one of the programme's languages (%(languages)s).") % {
                "code": code, "languages": ", ".join(languages)}]  # fmt: skip


@transaction.atomic
def save_campaign(
    programme: Programme, *, campaign: Campaign | None = None, by: User | None = None, **fields
) -> Campaign:
    """Plan a campaign (or change its plan): address, texts in the programme's languages, period, sign-up page."""
    texts = {name: _texts(fields.pop(name, None)) for name in ("title", "call_to_action", "pitch")}
    errors: dict[str, list[str]] = {}
    for name, label in (("title", _("title")), ("call_to_action", _("call to action"))):
        if not texts[name]:
            errors[name] = [_("Write the %(field)s in at least one language.") % {"field": label}]
    for name in ("title", "call_to_action", "pitch"):
        _text_errors(errors, name, texts[name])
        _language_errors(errors, name, texts[name], programme)
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = [_("The campaign must end on or after its first day.")]
    if starts_on and starts_on < programme.start:
        errors["starts_on"] = [_("A campaign of the programme begins on %(date)s or later.") % {
            "date": programme.start.isoformat()}]  # fmt: skip
    if ends_on and ends_on > LATEST_DATE:
        errors["ends_on"] = [_("A campaign ends by %(date)s.") % {"date": LATEST_DATE.isoformat()}]
    clash = Campaign.objects.filter(programme=programme, key=fields.get("key")).exclude(
        pk=getattr(campaign, "pk", None)
    )
    if clash.exists():
        errors["key"] = [_("Another campaign already has this address.")]
    if errors:
        raise ValidationError(errors)
    campaign = campaign or Campaign(programme=programme)
    was_published = campaign.published
    for name, value in {**fields, **texts}.items():
        setattr(campaign, name, value)
    campaign.full_clean()
    campaign.save()
    if campaign.published != was_published:
        action = AuditAction.PUBLISHED if campaign.published else AuditAction.WITHDRAWN
        record_audit(action, by=by, target=f"campaign {campaign.key}")
    return campaign


def add_message(campaign: Campaign, *, audience: str, text: dict[str, str]) -> CampaignMessage:
    errors: dict[str, list[str]] = {}
    if not audience.strip():
        errors["audience"] = [_("Name the audience the message speaks to.")]
    if not _texts(text):
        errors["text"] = [_("Write the message in at least one language.")]
    _text_errors(errors, "audience", audience)
    _text_errors(errors, "text", _texts(text))
    _language_errors(errors, "text", _texts(text), campaign.programme)
    if errors:
        raise ValidationError(errors)
    return CampaignMessage.objects.create(
        campaign=campaign, audience=audience.strip(), text=_texts(text), position=next_position(campaign.messages)
    )


def add_channel(campaign: Campaign, **fields) -> CampaignChannel:
    """A channel of the campaign; the organisation that runs it, if any, must be a partner of the programme."""
    organisation = fields.get("organisation")
    if organisation is not None and not partners_of(campaign.programme).filter(organisation=organisation).exists():
        raise ValidationError({"organisation": [_("Only a partner of the programme runs a channel.")]})
    if campaign.channels.filter(name=fields.get("name", "").strip()).exists():
        raise ValidationError({"name": [_("The campaign already has a channel with this name.")]})
    errors: dict[str, list[str]] = {}
    _count_errors(errors, target_reach=fields.get("target_reach"))
    if errors:
        raise ValidationError(errors)
    channel = CampaignChannel(campaign=campaign, **{**fields, "name": fields.get("name", "").strip()})
    channel.full_clean()
    channel.save()
    return channel


def add_asset(campaign: Campaign, *, kind: str, title: dict[str, str], **source) -> CampaignAsset:
    """An infographic (public ones only), a captioned video of a published practice, or a kit file."""
    errors: dict[str, list[str]] = {}
    if not _texts(title):
        errors["title"] = [_("Give the asset a title in at least one language.")]
    _text_errors(errors, "title", _texts(title))
    _language_errors(errors, "title", _texts(title), campaign.programme)
    asset = CampaignAsset(campaign=campaign, kind=kind, title=_texts(title), position=next_position(campaign.assets))
    checked = _asset_source(asset, errors, **source)
    if errors:
        raise ValidationError(errors)
    if checked is not None:
        asset.content_type, asset.size = checked.format.mime, checked.content.size
        store(asset.file, checked, "kit")
    save_with_files(asset, asset.file)
    return asset


def _asset_source(asset: CampaignAsset, errors: dict, *, infographic: str = "", video=None, file=None):
    """Set what the asset shows; its problems go into `errors`. The checked upload of a kit, else None."""
    if asset.kind == AssetKind.INFOGRAPHIC:
        if infographic not in infographic_keys(with_budgets=False):
            errors["infographic"] = [_("Choose one of the public infographics.")]
        asset.infographic = infographic
    elif asset.kind == AssetKind.VIDEO:
        if video is None or video.practice.status != PracticeStatus.PUBLISHED or not video.has_captions:
            errors["video"] = [_("Choose a captioned video of a published good practice.")]
        asset.video = video
    elif asset.kind == AssetKind.KIT:
        if file is None:
            errors["file"] = [_("Choose the file to hand out.")]
        return check_upload_field(file, KIT, "file", errors) if file is not None else None
    else:
        errors["kind"] = [_("Choose what kind of asset this is.")]
    return None


def remove_campaign_item(item: CampaignMessage | CampaignChannel | CampaignAsset) -> None:
    """Take a message, channel (with its reach figures) or asset (with its file) out of the plan."""
    delete_with_files(item, *([item.file] if isinstance(item, CampaignAsset) else []))


def record_reach(channel: CampaignChannel, *, month: date, reach, engagements=None, note: str = "", by) -> ReachFigure:
    """A channel's reach in a month of the campaign, up to this month; entering a month again corrects it."""
    errors: dict[str, list[str]] = {}
    campaign = channel.campaign
    first = month.replace(day=1)
    if not (campaign.starts_on.replace(day=1) <= first <= campaign.ends_on):
        errors["month"] = [
            _("The campaign runs from %(start)s to %(end)s.") % {"start": campaign.starts_on, "end": campaign.ends_on}
        ]
    elif first > timezone.localdate():
        errors["month"] = [_("Reach can be reported only for a month that has begun.")]
    _count_errors(errors, reach=reach, engagements=engagements)
    _text_errors(errors, "note", note)
    if reach is None:
        errors["reach"] = [_("How many people did the channel reach?")]
    if errors:
        raise ValidationError(errors)
    figure, _created = ReachFigure.objects.update_or_create(
        channel=channel,
        month=first,
        defaults={"reach": reach, "engagements": engagements, "note": note.strip(), "entered_by": by},
    )
    return figure
