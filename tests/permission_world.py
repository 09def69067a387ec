"""The world the permission matrix walks: one person per identity and, for every URL parameter, an object
that belongs to Cesena where ownership matters (tests/test_permission_matrix.py)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.conftest import make_member
from tests.core.test_uploads import CAPTIONS_TEXT, photo_bytes
from values.actionplans.enums import PlanStatus, Section
from values.actionplans.models import Action, ActionPlan, Comment
from values.actionplans.services import add_comment, save_action, save_section, set_plan_published, set_plan_status
from values.activities.models import CalendarFeed, Exchange, Participant, Session, Visit
from values.activities.services import answer_nomination, create_calendar_feed, nominate_participant, save_session
from values.amendments.enums import AmendmentStatus
from values.amendments.models import Amendment
from values.api.models import ApiToken
from values.api.services import create_token
from values.finance.models import Expense
from values.finance.services import submit_expense
from values.knowledge.models import BenchmarkStandard, Practice, PracticePhoto, PracticeVideo
from values.knowledge.services import add_photo, add_video, publish_practice, save_practice, save_standard
from values.network.enums import Role
from values.network.models import Organisation, User
from values.planning.models import PlanRule, PlanRun
from values.planning.services import add_plan_rule
from values.programme.models import Partner, Programme, Theme
from values.publishing.enums import ToolkitStatus
from values.publishing.models import Campaign, CampaignAsset, Toolkit
from values.publishing.services import add_asset, add_channel, add_message, save_campaign
from values.reports.models import Report, ReportRequest, ReportTemplate
from values.reports.services import report_for, request_reports, save_report, save_template
from values.volunteering.models import Commitment, Opportunity, Shift, Volunteer
from values.volunteering.services import add_shift, publish_opportunity, save_opportunity

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n"

# Texts only some identities may read: the matrix looks for them in the pages of those who may not.
PROPOSAL_TITLE = "Matrix proposal: a volunteer desk at the station"
DRAFT_CAMPAIGN_TITLE = "Matrix draft campaign, not yet announced"
COMMENT_TEXT = "Matrix review comment: the budget of action two is thin"
EXPENSE_DESCRIPTION = "Matrix expense: Cesena's train tickets to Riga"
DRAFT_ACTION_TITLE = "Matrix draft action: a volunteer point in every district"  # of Riga's plan, a draft
DRAFT_OPPORTUNITY_TITLE = "Matrix draft opportunity: a language café at the library"
VOLUNTEER_EMAIL = "matrix-volunteer@example.org"
AMENDMENT_REASON = "Matrix amendment: the visits of 2020 need more time"
CESENA_CONTACT = "@comune.cesena.fc.it"  # the domain of Cesena's contact people in data/values.yaml

# The identities, each a person with one role (the coordinator with an authenticator, from conftest).
ANONYMOUS = "anonymous"
VOLUNTEER = "volunteer"  # a volunteer of Cesena, confirmed participant of Cesena's visit, report submitted
LEADER = "leader"  # a volunteer leader of evc, a volunteer organisation (not a city)
CITY_LEADER = "city_leader"  # a volunteer leader of Cesena
EXPERT = "expert"  # an expert of evc
CESENA = "cesena"  # Cesena's city staff: the owner of the world's objects
RIGA = "riga"  # Riga's city staff: another city, in Cesena's community of practice (visit B1)
OUTSIDER = "outsider"  # Madrid's city staff: another city outside Cesena's community
COORDINATOR = "coordinator"
PASSWORD_ONLY = "coordinator_password_only"  # the coordinator, signed in without the second factor yet
IDENTITIES = (ANONYMOUS, VOLUNTEER, LEADER, CITY_LEADER, EXPERT, CESENA, RIGA, OUTSIDER, COORDINATOR, PASSWORD_ONLY)
SIGNED_IN = (VOLUNTEER, LEADER, CITY_LEADER, EXPERT, CESENA, RIGA, OUTSIDER, COORDINATOR)

MEMBERSHIPS = {
    VOLUNTEER: ("cesena", Role.VOLUNTEER),
    LEADER: ("evc", Role.VOLUNTEER_LEADER),
    CITY_LEADER: ("cesena", Role.VOLUNTEER_LEADER),
    EXPERT: ("evc", Role.EXPERT),
    CESENA: ("cesena", Role.CITY_STAFF),
    RIGA: ("riga", Role.CITY_STAFF),
    OUTSIDER: ("madrid", Role.CITY_STAFF),
}


@dataclass
class World:
    programme: Programme
    people: dict[str, User | None]
    run: PlanRun
    rule: PlanRule
    visit: Visit  # Cesena's mentoring visit (community B1: Cesena, Düsseldorf, Riga, Toulouse)
    exchange: Exchange  # Cesena hosts Toulouse: Riga takes no part
    session: Session
    participant: Participant
    city_feed: CalendarFeed  # Cesena's staff follow Cesena
    programme_feed: CalendarFeed  # Riga's staff follow the whole programme
    template: ReportTemplate
    report_request: ReportRequest
    report: Report
    plan: ActionPlan  # Cesena's, adopted and published, with a comment
    action: Action
    comment: Comment
    riga_action: Action  # of Riga's plan, a draft
    riga_comment: Comment
    standard: BenchmarkStandard
    practice: Practice  # published, with a photo and a captioned video
    photo: PracticePhoto
    video: PracticeVideo
    proposal: Practice  # not published, with a photo and a video
    proposal_photo: PracticePhoto
    proposal_video: PracticeVideo
    expense: Expense
    campaign: Campaign  # published, with a channel run by Cesena and a kit
    kit: CampaignAsset
    draft: Campaign  # being prepared, with a channel run by Cesena and a kit
    draft_kit: CampaignAsset
    draft_message_id: int
    opportunity: Opportunity  # Cesena's, published, with a shift
    opportunity_shift: Shift
    draft_opportunity: Opportunity  # Cesena's, a draft, with a shift
    draft_opportunity_shift: Shift
    volunteer: Volunteer  # confirmed, in Cesena, accepted at the published opportunity (commitment)
    commitment: Commitment
    token: ApiToken  # Cesena's staff's personal API token, read only
    amendment: Amendment  # approved, with the programme file as it stood before and after


def build_world(programme: Programme, coordinator: User, run: PlanRun) -> World:
    people: dict[str, User | None] = {ANONYMOUS: None, COORDINATOR: coordinator, PASSWORD_ONLY: coordinator}
    for identity, (key, role) in MEMBERSHIPS.items():
        people[identity] = make_member(f"matrix-{identity}", key, role)
    cesena, staff = Organisation.objects.get(key="cesena"), people[CESENA]
    visit = Visit.objects.get(host=cesena)
    practice, photo, video = _published_practice(programme, staff)
    proposal, proposal_photo, proposal_video = _proposal(programme, staff)
    campaign, kit = _campaign(programme, "matrix-public", "Matrix public campaign", published=True)
    draft, draft_kit = _campaign(programme, "matrix-draft", DRAFT_CAMPAIGN_TITLE, published=False)
    template, report_request, participant, report = _reports(programme, visit, people)
    plan, action, comment = _action_plan(programme, people)
    riga_action, riga_comment = _draft_plan(programme, people)
    _toolkits(programme)
    opportunity, opportunity_shift = _opportunity(programme, staff, "Matrix opportunity: welcome walks", publish=True)
    draft_opportunity, draft_opportunity_shift = _opportunity(programme, staff, DRAFT_OPPORTUNITY_TITLE, publish=False)
    volunteer = Volunteer.objects.create(
        programme=programme, email=VOLUNTEER_EMAIL, name="Matrix Volunteer", city=cesena, languages=["ar"],
        consent_text="matrix consent", consented_at=timezone.now(), confirmed_at=timezone.now(),
    )  # fmt: skip
    return World(
        programme=programme, people=people, run=run,
        rule=add_plan_rule(programme, kind="no_pair", city=cesena, other_city=Organisation.objects.get(key="oslo"),
                           theme=None),
        visit=visit, exchange=Exchange.objects.get(host=cesena),
        session=save_session(
            visit, kind="workshop", title="Matrix workshop", starts_at=_at(visit, 10), ends_at=_at(visit, 11)
        ),
        participant=participant,
        city_feed=create_calendar_feed(programme, owner=staff, kind="city", organisation=cesena),
        programme_feed=create_calendar_feed(programme, owner=people[RIGA], kind="programme"),
        template=template, report_request=report_request, report=report,
        plan=plan, action=action, comment=comment, riga_action=riga_action, riga_comment=riga_comment,
        standard=save_standard(
            programme, key="M1", theme=Theme.objects.get(key="A"), title={"en": "Matrix standard"},
            statement={"en": "Volunteers are welcome."}, levels={str(n): {"en": f"Level {n}"} for n in range(1, 5)},
        ),
        practice=practice, photo=photo, video=video,
        proposal=proposal, proposal_photo=proposal_photo, proposal_video=proposal_video,
        expense=submit_expense(
            Partner.objects.get(organisation=cesena), by=staff, spent_on=date(2020, 3, 12), category="travel",
            amount="120.00", currency="EUR", description=EXPENSE_DESCRIPTION,
            receipt=SimpleUploadedFile("ticket.pdf", PDF, "application/pdf"),
        ),
        campaign=campaign, kit=kit, draft=draft, draft_kit=draft_kit,
        draft_message_id=draft.messages.get().pk,
        opportunity=opportunity, opportunity_shift=opportunity_shift,
        draft_opportunity=draft_opportunity, draft_opportunity_shift=draft_opportunity_shift,
        volunteer=volunteer, commitment=Commitment.objects.create(volunteer=volunteer, opportunity=opportunity,
                                                                 status="accepted"),
        token=create_token(staff, name="Matrix system", scope="read", days=30)[0],
        amendment=Amendment.objects.create(
            programme=programme, number=1, requested_on=date(2020, 4, 1), reason=AMENDMENT_REASON,
            changes=[{"kind": "duration", "months": 27}], status=AmendmentStatus.APPROVED,
            decided_on=date(2020, 4, 20), file_before="programme:\n  duration_months: 24\n",
            file_after="programme:\n  duration_months: 27\n",
        ),
    )  # fmt: skip


def _opportunity(programme: Programme, staff: User, title: str, *, publish: bool) -> tuple[Opportunity, Shift]:
    cesena = Organisation.objects.get(key="cesena")
    opportunity = save_opportunity(
        programme, organisation=cesena, by=staff, original_language="en", title=title, kind="language_cafe",
        theme=Theme.objects.get(key="B"), city=cesena, places=8, start_date=date(2020, 3, 1), end_date=None,
    )  # fmt: skip
    zone = opportunity.time_zone
    shift = add_shift(
        opportunity, starts_at=datetime(2020, 3, 2, 18, tzinfo=zone), ends_at=datetime(2020, 3, 2, 20, tzinfo=zone)
    )
    return (publish_opportunity(opportunity, by=staff) if publish else opportunity), shift


def _at(activity, hour: int) -> datetime:
    return datetime.combine(activity.start, time(hour), tzinfo=activity.time_zone)


def _practice(programme: Programme, staff: User, title: str) -> Practice:
    return save_practice(
        programme, organisation=Organisation.objects.get(key="cesena"), by=staff, original_language="en",
        texts={"title": title, "summary": f"{title}: the summary."}, themes=[Theme.objects.get(key="B")],
    )  # fmt: skip


def _captions() -> SimpleUploadedFile:
    return SimpleUploadedFile("captions.vtt", CAPTIONS_TEXT, "text/vtt")


def _photo() -> SimpleUploadedFile:
    return SimpleUploadedFile("desk.jpg", photo_bytes(), "image/jpeg")


def _published_practice(programme: Programme, staff: User):
    practice = _practice(programme, staff, "Matrix practice: buddies for newcomers")
    photo = add_photo(practice, image=_photo(), alt_text="A volunteer and a newcomer", by=staff)
    video = add_video(practice, title="Buddies", url="https://video.example/buddies", captions=_captions(), by=staff)
    return publish_practice(practice), photo, video


def _proposal(programme: Programme, staff: User):
    proposal = _practice(programme, staff, PROPOSAL_TITLE)
    photo = add_photo(proposal, image=_photo(), alt_text="The desk", by=staff)
    video = add_video(proposal, title="The desk", url="https://video.example/desk", by=staff)
    return proposal, photo, video


def _campaign(programme: Programme, key: str, title: str, *, published: bool) -> tuple[Campaign, CampaignAsset]:
    campaign = save_campaign(
        programme, key=key, title={"en": title}, call_to_action={"en": "Give two hours a week."}, pitch={},
        starts_on=date(2020, 3, 1), ends_on=date(2020, 6, 30), volunteer_url="https://example.org/volunteer",
        published=published,
    )  # fmt: skip
    add_message(campaign, audience="students", text={"en": f"{title}: meet the world at home."})
    add_channel(
        campaign, kind="social", name="Cesena on Instagram", organisation=Organisation.objects.get(key="cesena"),
        target_reach=5000,
    )  # fmt: skip
    kit = add_asset(
        campaign, kind="kit", title={"en": "Leaflet"}, file=SimpleUploadedFile("leaflet.pdf", PDF, "application/pdf")
    )
    return campaign, kit


def _reports(programme: Programme, visit: Visit, people: dict[str, User | None]):
    template = save_template(
        programme, title="After the visit", description="",
        questions=[{"kind": "short_text", "text": "What will you try at home?", "help_text": "", "required": True,
                    "choices": []}],
    )  # fmt: skip
    report_request = request_reports(visit, template=template, due=timezone.localdate() + timedelta(days=30))
    nominated = nominate_participant(
        visit, user=people[VOLUNTEER], organisation=Organisation.objects.get(key="cesena"), by=people[CESENA],
        today=visit.start - timedelta(days=1),
    )  # fmt: skip
    participant = answer_nomination(nominated, confirm=True)
    question = template.questions.get()
    report = save_report(
        report_for(participant), answers={str(question.pk): "A buddy scheme"}, submit=True,
        today=timezone.localdate(),
    )  # fmt: skip
    return template, report_request, participant, report


def _action_plan(programme: Programme, people: dict[str, User | None]):
    cesena = Organisation.objects.get(key="cesena")
    plan = ActionPlan.objects.create(programme=programme, organisation=cesena)
    save_section(plan, Section.CONTEXT, text="Cesena welcomes newcomers with volunteers.", base=0, by=people[CESENA])
    comment = add_comment(plan, Section.CONTEXT, text=COMMENT_TEXT, by=people[RIGA])
    action = save_action(
        plan, title="Train forty volunteers", owner=cesena, owner_person="", start=date(2020, 1, 1),
        end=date(2020, 12, 31), unit="", baseline=None, target=None, current=None, status="planned",
    )  # fmt: skip
    set_plan_status(plan, PlanStatus.IN_REVIEW)
    set_plan_status(plan, PlanStatus.ADOPTED)
    set_plan_published(plan, True)
    return plan, action, comment


def _draft_plan(programme: Programme, people: dict[str, User | None]) -> tuple[Action, Comment]:
    """Riga's plan, still a draft, with an action past its end (overdue) and a comment of Cesena's staff."""
    riga = Organisation.objects.get(key="riga")
    plan = ActionPlan.objects.create(programme=programme, organisation=riga)
    action = save_action(
        plan, title=DRAFT_ACTION_TITLE, owner=riga, owner_person="", start=date(2020, 1, 1), end=date(2020, 6, 30),
        unit="", baseline=None, target=None, current=None, status="planned",
    )  # fmt: skip
    return action, add_comment(plan, Section.CONTEXT, text="Which districts first?", by=people[CESENA])


def _toolkits(programme: Programme) -> None:
    """The programme's toolkit has an English edition with its PDF; theme B's is queued (its build is not run)."""
    edition = Toolkit.objects.create(
        programme=programme, language="en", status=ToolkitStatus.READY, html="<p>Matrix toolkit</p>", pages=1
    )
    edition.pdf.save("values-toolkit-programme-en.pdf", ContentFile(PDF))
    theme = Theme.objects.get(key="B")
    for language in ("en", "it"):
        Toolkit.objects.create(
            programme=programme, theme=theme, language=language, status=ToolkitStatus.QUEUED,
            requested_at=timezone.now(),
        )  # fmt: skip
