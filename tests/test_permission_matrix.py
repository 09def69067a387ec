"""The permission matrix: every page of the site, requested by every kind of person, against one table.

The table declares what each identity is meant to get from each route (a GET, and a POST where the
view takes one), from the rules of the permissions modules and the design: a user changes what belongs
to their own organisation unless their role says more; the coordinator does everything; the public
reads what is published; whatever is private by its very existence answers 404, like an id that names
nothing, and 403 is for what one sees but may not change. The routes come from Django's URL resolver:
a new page without a row, or a row whose page is gone, fails `test_every_route_has_a_row...`.

Each request runs in a transaction that is rolled back, so each starts from the same world
(tests/permission_world.py), and a GET may write nothing (reading an action plan begins none). Some
rows also name texts that only some identities may read: nobody else's page may contain them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import quote, urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY

from tests.permission_world import (
    AMENDMENT_REASON,
    CESENA,
    CESENA_CONTACT,
    CITY_LEADER,
    COMMENT_TEXT,
    COORDINATOR,
    DRAFT_ACTION_TITLE,
    DRAFT_CAMPAIGN_TITLE,
    DRAFT_OPPORTUNITY_TITLE,
    EXPENSE_DESCRIPTION,
    EXPERT,
    IDENTITIES,
    LEADER,
    OUTSIDER,
    PASSWORD_ONLY,
    PDF,
    PROPOSAL_TITLE,
    RIGA,
    SIGNED_IN,
    VOLUNTEER,
    VOLUNTEER_EMAIL,
    World,
)
from values.programme.models import Partner
from values.urls import programme_urlconf


# -- what a request is expected to give ---------------------------------------------------------
@dataclass(frozen=True)
class Redirect:
    """A 302 to exactly this address."""

    to: str

    def __str__(self) -> str:
        return f"302 → {self.to}"


class _Login:
    """A 302 to the sign-in page, which then comes back to the requested address."""

    def __str__(self) -> str:
        return "302 → sign-in"


class _SecondStep:
    """A 302 to the second step of the sign-in (which comes back to the requested page after a GET)."""

    def __str__(self) -> str:
        return "302 → second step of the sign-in"


class _Allowed:
    """Let through: anything but 403, 404, the sign-in or a server error (a form refused with its reasons,
    a redirect with a message...) where the exact answer is another matter than who may do it."""

    def __str__(self) -> str:
        return "allowed"


LOGIN, SECOND_STEP, ALLOWED = _Login(), _SecondStep(), _Allowed()
Expect = int | Redirect | _Login | _SecondStep | _Allowed
Rule = dict[str, Expect]


def same(expect: Expect, *who: str) -> Rule:
    return dict.fromkeys(who, expect)


def by(default: Expect, **per_identity: Expect) -> Rule:
    """`default` for every identity but those named. The coordinator who has typed their password but not
    yet their code is sent to give it from every page, but those the network rows name for them."""
    assert set(per_identity) <= set(IDENTITIES), set(per_identity) - set(IDENTITIES)
    return {identity: per_identity.get(identity, default) for identity in IDENTITIES} | {
        PASSWORD_ONLY: per_identity.get(PASSWORD_ONLY, SECOND_STEP)
    }


def only(*who: str, ok: Expect = 200, no: Expect = 403, anonymous: Expect = LOGIN) -> Rule:
    """`ok` for these identities, `no` for the other signed-in ones; the anonymous are asked to sign in."""
    return by(no, anonymous=anonymous) | same(ok, *who)


# Who is who for Cesena's objects (the world's), by the permissions modules.
BUDGET_READERS = (EXPERT, CESENA, RIGA, OUTSIDER, COORDINATOR)  # each reads their own partner's spending
EXPENSE_SUBMITTERS = (CESENA, RIGA, OUTSIDER, COORDINATOR)  # each for their own partner
PROPOSERS = (LEADER, CITY_LEADER, CESENA, RIGA, OUTSIDER, COORDINATOR)  # each from their own organisation
CESENA_EDITORS = (CITY_LEADER, CESENA, COORDINATOR)  # change Cesena's page, self-assessment and practices
VISIT_VIEWERS = (VOLUNTEER, CITY_LEADER, CESENA, RIGA, COORDINATOR)  # Cesena's people and its community's
EXCHANGE_VIEWERS = (VOLUNTEER, CITY_LEADER, CESENA, COORDINATOR)  # Cesena receives Toulouse: no Riga
ACTIVITY_EDITORS = (CESENA, COORDINATOR)  # the host city's staff
REVIEW = (CITY_LEADER, EXPERT, CESENA, RIGA, COORDINATOR)  # comment on Cesena's (and Riga's) plan, read it all
REACH = (CITY_LEADER, CESENA, COORDINATOR)  # report the reach of the campaign channel Cesena runs
CITY_PLANNERS = (CITY_LEADER, CESENA, RIGA, OUTSIDER, COORDINATOR)  # see their cities' plan (or all of it)

PUBLIC = by(200)
SIGNED_IN_ONLY = only(*SIGNED_IN)
COORDINATOR_ONLY = only(COORDINATOR)
FORM_ADDRESS = by(405, anonymous=LOGIN)  # a GET of the address a form is sent to, behind the sign-in
PROPOSAL_READERS = only(*CESENA_EDITORS, no=404, anonymous=404)  # nobody else learns that it exists
DRAFT_READER = by(404, coordinator=200)  # a campaign being prepared is the coordinator's alone
UNADOPTED_PLAN = by(403) | same(200, *REVIEW)  # a plan is public once adopted and published
FEED = by(200, coordinator_password_only=200)  # calendar applications read it with its secret address
HOME, SIGN_IN_PAGE = Redirect("/en/"), Redirect("/en/accounts/login/")
LANDING = Redirect("/en/start/")  # where a signed-in person's sign-in leads (settings.LOGIN_REDIRECT_URL)
SECOND_STEP_PAGE = Redirect("/en/accounts/login/verify/")


# -- the table ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Secret:
    """A text of the world that only `readers` may be shown."""

    text: Callable[[World], str]
    readers: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    route: str
    get: Rule
    post: Rule | None = None  # None: the view takes no POST
    at: Callable[[World], dict] = lambda w: {}  # the route's arguments
    case: str = ""
    data: Callable[[World], dict] = lambda w: {}  # the POST's body
    secrets: tuple[Secret, ...] = ()
    get_writes: frozenset[str] = frozenset()  # tables a GET writes by design

    @property
    def label(self) -> str:
        return f"{self.route}[{self.case}]" if self.case else self.route


# An export of personal data is a read that the audit log keeps.
AUDITED = frozenset({"network_auditentry"})


def cesena(w: World) -> dict:
    return {"key": "cesena"}


def visit(w: World) -> dict:
    return {"activity_id": w.visit.pk}


def exchange(w: World) -> dict:
    return {"activity_id": w.exchange.pk}


def expense(w: World) -> dict:
    return {"expense_id": w.expense.pk}


def section(w: World) -> dict:
    return {"key": "cesena", "section": "context"}


def session(w: World) -> dict:
    return {"activity_id": w.visit.pk, "session_id": w.session.pk}


def action(w: World) -> dict:
    return {"key": "cesena", "action_id": w.action.pk}


def campaign(w: World) -> dict:
    return {"key": w.campaign.key}


def draft(w: World) -> dict:
    return {"key": w.draft.key}


def practice(w: World) -> dict:
    return {"practice_id": w.practice.pk}


def proposal(w: World) -> dict:
    return {"practice_id": w.proposal.pk}


def fixed(**kwargs: str) -> Callable[[World], dict]:
    return lambda w: kwargs


def exchange_option(w: World) -> str:
    """How the expense form offers Cesena's exchange (with Toulouse) to book against."""
    return f"{w.exchange.get_kind_display()} · Cesena · {w.exchange.start:%Y-%m-%d}"


def riga_books_on_cesenas_exchange(w: World) -> dict:
    return {
        "partner": Partner.objects.get(organisation__key="riga").pk, "spent_on": "2020-03-12",
        "category": "travel", "activity": w.exchange.pk, "amount": "80.00", "currency": "EUR",
        "description": "Lunch at Cesena's exchange", "receipt": SimpleUploadedFile("r.pdf", PDF, "application/pdf"),
    }  # fmt: skip


def practice_rows(route: str, get: Expect | None = 200, post: Expect | None = 400, *, item=None) -> list[Row]:
    """A practice editor's page (`get`) or form (`post`; None: the view takes none), for the published
    practice (403 to the others) and the proposal (404 to the others). `item(w, practice, which)` adds the
    address's other arguments: `which` is "practice" or "proposal"."""
    rows = []
    for which, no in (("practice", 403), ("proposal", 404)):
        get_rule = FORM_ADDRESS if get is None else only(*CESENA_EDITORS, ok=get, no=no)
        post_rule = None if post is None else only(*CESENA_EDITORS, ok=post, no=no)
        at = practice_at(which, item)
        rows.append(Row(route, get_rule, post_rule, at=at, case="published" if which == "practice" else which))
    return rows


def practice_at(which: str, item) -> Callable[[World], dict]:
    def at(w: World) -> dict:
        return {"practice_id": getattr(w, which).pk, **(item(w, which) if item else {})}

    return at


def its_video(w: World, which: str) -> dict:
    return {"video_id": (w.video if which == "practice" else w.proposal_video).pk}


def its_photo(w: World, which: str) -> dict:
    return {"part": "photo", "item_id": (w.photo if which == "practice" else w.proposal_photo).pk}


# One row per route and case: route, GET, POST (None: none taken), then the address's arguments.
# fmt: off
PROGRAMME_ROWS = [
    Row("programmes", by(Redirect("/en/p/820885/"))),  # the index is the one programme's home page
    Row("accessibility", PUBLIC),
    # The addresses from before programmes had their own lead to the one programme.
    Row("old_address", by(Redirect("/en/p/820885/partners/")), at=fixed(rest="partners/")),
    Row("home", PUBLIC),
    Row("start", SIGNED_IN_ONLY),  # each identity of the world holds a role in VALUES
    # Signing in lands here: one's only programme's start page.
    Row("landing", by(Redirect("/en/p/820885/start/"), anonymous=LOGIN)),
    Row("partners", PUBLIC),
    Row("partner", PUBLIC, at=cesena, case="cesena", secrets=(Secret(lambda w: CESENA_CONTACT, SIGNED_IN),)),
    # Riga's plan is a draft: what it plans is for the people of its review, not for its partner page's readers.
    Row("partner", PUBLIC, at=fixed(key="riga"), case="riga",
        secrets=(Secret(lambda w: DRAFT_ACTION_TITLE, REVIEW),)),
    Row("partner_edit", only(*CESENA_EDITORS), only(*CESENA_EDITORS, ok=400), at=cesena),
    Row("budget_check", only(*BUDGET_READERS)),
]

# Cesena's expense: its staff and the coordinator read it; other budget readers do not learn it exists.
EXPENSE_READERS = only(CESENA, COORDINATOR) | same(404, EXPERT, RIGA, OUTSIDER)
EXPENSE_CHANGE = only(CESENA) | same(404, EXPERT, RIGA, OUTSIDER)  # the coordinator decides, not corrects
FINANCE_ROWS = [
    Row("finance", only(*BUDGET_READERS)),
    Row("finance_export", only(*BUDGET_READERS), at=fixed(file_format="xlsx"), case="xlsx"),
    Row("finance_export", only(*BUDGET_READERS), at=fixed(file_format="pdf"), case="pdf"),
    Row("expenses", only(*BUDGET_READERS), secrets=(Secret(lambda w: EXPENSE_DESCRIPTION, (CESENA, COORDINATOR)),)),
    # Staff book against the activities their own partner takes part in, and no other.
    Row("expense_add", only(*EXPENSE_SUBMITTERS), only(*EXPENSE_SUBMITTERS, ok=400),
        secrets=(Secret(exchange_option, (CESENA, COORDINATOR)),)),
    Row("expense_add", only(*EXPENSE_SUBMITTERS), only(*EXPENSE_SUBMITTERS, ok=400), case="riga-on-cesenas-exchange",
        data=riga_books_on_cesenas_exchange),
    Row("expense", EXPENSE_READERS, at=expense),
    Row("expense_edit", EXPENSE_CHANGE, EXPENSE_CHANGE | same(400, CESENA), at=expense),
    Row("expense_receipt", EXPENSE_READERS, at=expense),
    # The coordinator decides (reversing a submitted expense is refused with its reason: allowed to ask).
    *(Row("expense_decide", FORM_ADDRESS, only(COORDINATOR, ok=ALLOWED) | same(404, EXPERT, RIGA, OUTSIDER),
          at=lambda w, decision=decision: {"expense_id": w.expense.pk, "decision": decision}, case=decision,
          data=lambda w: {"reason": "Checked by the permission matrix"})
      for decision in ("approve", "reject", "reverse")),
    Row("exchange_rates", COORDINATOR_ONLY, only(COORDINATOR, ok=400)),
    Row("subsistence_rate", FORM_ADDRESS, only(COORDINATOR, ok=400)),
    Row("budget_lines", COORDINATOR_ONLY, only(COORDINATOR, ok=400), at=cesena),
]

# Monitoring (issue #19, item 4): for who reads budgets, each seeing the spending of the partners they read
# (Cesena's expense is approved in the world: its spending rate is Cesena's staff's and the coordinator's).
CESENA_SPENDING = (Secret(lambda w: "Spending rate: City of Cesena", (CESENA, COORDINATOR)),)
MONITORING_ROWS = [
    Row("monitoring", only(*BUDGET_READERS), secrets=CESENA_SPENDING),
    Row("monitoring_csv", only(*BUDGET_READERS), secrets=CESENA_SPENDING),
]

# Amendments (issue #19, item 1): the coordinator's record (the programme file holds every partner's budget and
# contacts). The world's amendment is approved: deciding it again leads back to it with a message.
AMENDMENT_ROWS = [
    Row("amendments", COORDINATOR_ONLY, secrets=(Secret(lambda w: AMENDMENT_REASON, (COORDINATOR,)),)),
    Row("amendment_new", COORDINATOR_ONLY, only(COORDINATOR, ok=400)),
    Row("amendment", COORDINATOR_ONLY, only(COORDINATOR, ok=302), at=lambda w: {"number": w.amendment.number},
        secrets=(Secret(lambda w: AMENDMENT_REASON, (COORDINATOR,)),)),
    *(Row("amendment_file", COORDINATOR_ONLY, at=lambda w, side=side: {"number": w.amendment.number, "side": side},
          case=side) for side in ("before", "after")),
]

KNOWLEDGE_ROWS = [
    Row("benchmarks", SIGNED_IN_ONLY),
    Row("standard_add", only(EXPERT, COORDINATOR), only(EXPERT, COORDINATOR, ok=400)),
    Row("standard_edit", only(EXPERT, COORDINATOR), only(EXPERT, COORDINATOR, ok=400), at=fixed(key="M1")),
    Row("self_assessment", only(*CESENA_EDITORS), only(*CESENA_EDITORS, ok=400), at=cesena),
    Row("practices", PUBLIC, secrets=(Secret(lambda w: PROPOSAL_TITLE, CESENA_EDITORS),)),
    Row("practice_add", only(*PROPOSERS), only(*PROPOSERS, ok=400)),
    Row("practice", PUBLIC, at=practice, case="published"),
    Row("practice", PROPOSAL_READERS, at=proposal, case="proposal"),
    *practice_rows("practice_edit"),
    *practice_rows("practice_translate"),
    Row("practice_publish", FORM_ADDRESS, only(COORDINATOR, ok=302), at=practice, case="published"),
    Row("practice_publish", FORM_ADDRESS, only(COORDINATOR, ok=302), at=proposal, case="proposal"),
    # Showing a practice in another programme is for a coordinator of that one: this world has no other programme.
    Row("practice_show_in", FORM_ADDRESS, only(), at=practice, case="published",
        data=lambda w: {"programme": "101010"}),
    Row("practice_show_in", FORM_ADDRESS, by(404, anonymous=LOGIN) | same(403, *CESENA_EDITORS), at=proposal,
        case="proposal", data=lambda w: {"programme": "101010"}),
    Row("practice_stop_showing", FORM_ADDRESS, by(404, anonymous=LOGIN),
        at=lambda w: {"practice_id": w.practice.pk, "code": "101010"}),
    *practice_rows("practice_media", post=None),
    *practice_rows("practice_photo_add", get=None),
    *practice_rows("practice_video_add", get=None),
    *practice_rows("practice_video_captions", get=None, item=its_video),
    *practice_rows("practice_media_remove", get=None, post=302, item=its_photo),
    Row("practice_file", PUBLIC, case="published-photo",
        at=lambda w: {"practice_id": w.practice.pk, "part": "photo", "item_id": w.photo.pk}),
    Row("practice_file", PUBLIC, case="published-captions",
        at=lambda w: {"practice_id": w.practice.pk, "part": "captions", "item_id": w.video.pk}),
    Row("practice_file", PROPOSAL_READERS, case="proposal-photo",
        at=lambda w: {"practice_id": w.proposal.pk, "part": "photo", "item_id": w.proposal_photo.pk}),
    # An item is looked up in the object its address names: another's item there names nothing.
    Row("practice_file", by(404), case="proposal-photo-under-published",
        at=lambda w: {"practice_id": w.practice.pk, "part": "photo", "item_id": w.proposal_photo.pk}),
    Row("practice_video_captions", FORM_ADDRESS, only(*CESENA_EDITORS, ok=404), case="proposal-video-under-published",
        at=lambda w: {"practice_id": w.practice.pk, "video_id": w.proposal_video.pk}),
]

ACTIVITY_ROWS = [
    Row("plan", only(*CITY_PLANNERS),
        secrets=(Secret(lambda w: f'href="/en/p/820885/activities/{w.exchange.pk}/"', EXCHANGE_VIEWERS),)),
    Row("plan_start", FORM_ADDRESS, only(COORDINATOR, ok=400)),
    Row("plan_run", COORDINATOR_ONLY, at=lambda w: {"run_id": w.run.pk}),
    Row("plan_accept", FORM_ADDRESS, only(COORDINATOR, ok=302), at=lambda w: {"run_id": w.run.pk}),
    Row("plan_rule_add", FORM_ADDRESS, only(COORDINATOR, ok=400)),
    Row("plan_rule_remove", FORM_ADDRESS, only(COORDINATOR, ok=302), at=lambda w: {"rule_id": w.rule.pk}),
    Row("activity", only(*VISIT_VIEWERS), at=visit, case="visit"),
    Row("activity", only(*EXCHANGE_VIEWERS), at=exchange, case="exchange"),
    Row("activity_edit", only(*ACTIVITY_EDITORS), only(*ACTIVITY_EDITORS, ok=400), at=visit, case="visit"),
    Row("activity_edit", only(*ACTIVITY_EDITORS), only(*ACTIVITY_EDITORS, ok=400), at=exchange, case="exchange"),
    # A session shows a published practice: a proposal is not offered, not even to its own city.
    Row("session_add", only(*ACTIVITY_EDITORS), only(*ACTIVITY_EDITORS, ok=400), at=visit,
        secrets=(Secret(lambda w: PROPOSAL_TITLE, ()),)),
    Row("session_edit", only(*ACTIVITY_EDITORS), only(*ACTIVITY_EDITORS, ok=400), at=session),
    Row("session_delete", FORM_ADDRESS, only(*ACTIVITY_EDITORS, ok=302), at=session),
    # Each taking-part city's staff nominate their own people: Riga to the visit of its community, not beyond.
    Row("nominate", only(CESENA, RIGA, COORDINATOR), only(CESENA, RIGA, COORDINATOR, ok=400), at=visit, case="visit"),
    Row("nominate", only(CESENA, COORDINATOR), only(CESENA, COORDINATOR, ok=400), at=exchange, case="exchange"),
    Row("attendance", FORM_ADDRESS, only(*ACTIVITY_EDITORS, ok=ALLOWED), at=visit),
    Row("minutes", only(*ACTIVITY_EDITORS), only(*ACTIVITY_EDITORS, ok=ALLOWED), at=visit),
    Row("participant_answer", FORM_ADDRESS, only(VOLUNTEER, ok=ALLOWED),
        at=lambda w: {"participant_id": w.participant.pk}),
    Row("calendar", SIGNED_IN_ONLY,
        secrets=(Secret(lambda w: f'href="/en/p/820885/activities/{w.exchange.pk}/"', EXCHANGE_VIEWERS),)),
    # Switching many activities' mode at once is the coordinator's (an empty choice: 400, naming the fields).
    Row("activities_switch", COORDINATOR_ONLY, only(COORDINATOR, ok=400)),
    Row("feed_create", FORM_ADDRESS, by(ALLOWED, anonymous=LOGIN)),
    Row("feed_revoke", FORM_ADDRESS, only(CESENA, ok=302, no=404), at=lambda w: {"feed_id": w.city_feed.pk}),
    # A feed needs no sign-in (its secret address is the key) and carries what its owner may see.
    Row("calendar_feed", FEED, at=lambda w: {"token": w.city_feed.token}, case="cesena-city"),
    Row("calendar_feed", FEED, at=lambda w: {"token": w.programme_feed.token}, case="riga-programme",
        secrets=(Secret(lambda w: f"UID:activity-{w.exchange.pk}@", ()),)),
]

REPORT_ROWS = [
    Row("report_templates", COORDINATOR_ONLY, only(COORDINATOR, ok=400)),
    Row("report_template", COORDINATOR_ONLY, only(COORDINATOR, ok=400), at=lambda w: {"template_id": w.template.pk}),
    Row("report_template_copy", FORM_ADDRESS, only(COORDINATOR, ok=302), at=lambda w: {"template_id": w.template.pk}),
    Row("report_request", COORDINATOR_ONLY, only(COORDINATOR, ok=400), at=visit),
    Row("my_report", only(VOLUNTEER), only(VOLUNTEER, ok=400), at=visit),
    Row("report_review", COORDINATOR_ONLY, only(COORDINATOR, ok=400), at=lambda w: {"report_id": w.report.pk}),
    Row("report_export", COORDINATOR_ONLY, at=fixed(file_format="csv"), case="csv", get_writes=AUDITED),
    Row("report_export", COORDINATOR_ONLY, at=fixed(file_format="pdf"), case="pdf", get_writes=AUDITED),
]

# Cesena's plan is adopted and published: everyone reads its text and actions, only the people of its
# review read the comments and who wrote what. Toulouse's plan was never begun: reading it begins nothing.
REVIEW_SECRETS = (Secret(lambda w: COMMENT_TEXT, REVIEW), Secret(lambda w: "matrix-riga", REVIEW))
ACTION_PLAN_ROWS = [
    Row("action_plans", COORDINATOR_ONLY),
    Row("action_plan", PUBLIC, at=cesena, case="cesena", secrets=REVIEW_SECRETS),
    Row("action_plan", UNADOPTED_PLAN, at=fixed(key="toulouse"), case="toulouse"),
    Row("action_plan_pdf", PUBLIC, at=cesena, case="cesena"),
    Row("action_plan_pdf", UNADOPTED_PLAN, at=fixed(key="toulouse"), case="toulouse"),
    Row("action_add", only(CESENA), only(CESENA, ok=400), at=cesena),
    Row("action_edit", only(CESENA), only(CESENA, ok=400), at=action),
    Row("action_edit", only(CESENA, ok=404), only(CESENA, ok=404), case="riga-action-under-cesena",
        at=lambda w: {"key": "cesena", "action_id": w.riga_action.pk}),
    Row("action_progress", FORM_ADDRESS, only(CESENA, ok=400), at=action),
    Row("action_plan_status", FORM_ADDRESS, only(CESENA, ok=ALLOWED), at=cesena),
    Row("action_plan_section", only(CESENA), only(CESENA, ok=400), at=section),
    Row("action_plan_history", only(*REVIEW), at=section),
    Row("action_plan_comment", FORM_ADDRESS, only(*REVIEW, ok=ALLOWED), at=section),
    Row("comment_resolve", FORM_ADDRESS, only(*REVIEW, ok=302),
        at=lambda w: {"key": "cesena", "comment_id": w.comment.pk}),
    Row("comment_resolve", FORM_ADDRESS, only(*REVIEW, ok=404), case="riga-comment-under-cesena",
        at=lambda w: {"key": "cesena", "comment_id": w.riga_comment.pk}),
]

def opportunity_rows(route: str, get: Expect | None = 200, post: Expect | None = 400) -> list[Row]:
    """An opportunity editor's page (`get`; None: a form's address) or form (`post`), for Cesena's published
    opportunity (403 to the others) and its draft (404 to the others)."""
    rows = []
    for which, no in (("opportunity", 403), ("draft_opportunity", 404)):
        get_rule = FORM_ADDRESS if get is None else only(*CESENA_EDITORS, ok=get, no=no)
        post_rule = None if post is None else only(*CESENA_EDITORS, ok=post, no=no)
        at = lambda w, which=which: {"opportunity_id": getattr(w, which).pk}  # noqa: E731
        rows.append(Row(route, get_rule, post_rule, at=at, case="published" if which == "opportunity" else "draft"))
    return rows


# A partner's city staff and volunteer leaders offer its opportunities; the coordinator any partner's.
MATCHERS = (CESENA, RIGA, OUTSIDER, COORDINATOR)  # partner cities' staff and the coordinator match volunteers
OFFERERS = (LEADER, CITY_LEADER, CESENA, RIGA, OUTSIDER, COORDINATOR)
VOLUNTEERING_ROWS = [
    Row("opportunities", PUBLIC, secrets=(Secret(lambda w: DRAFT_OPPORTUNITY_TITLE, CESENA_EDITORS),)),
    Row("opportunity_map", PUBLIC, secrets=(Secret(lambda w: DRAFT_OPPORTUNITY_TITLE, CESENA_EDITORS),)),  # places
    Row("opportunity_add", only(*OFFERERS), only(*OFFERERS, ok=400)),
    Row("opportunity", PUBLIC, at=lambda w: {"opportunity_id": w.opportunity.pk}, case="published"),
    Row("opportunity", PROPOSAL_READERS, at=lambda w: {"opportunity_id": w.draft_opportunity.pk}, case="draft"),
    *opportunity_rows("opportunity_edit"),
    *opportunity_rows("opportunity_shifts"),
    # Publishing a published one or closing a draft is refused with its reason on the page: a redirect.
    *opportunity_rows("opportunity_publish", get=None, post=302),
    *opportunity_rows("opportunity_close", get=None, post=302),
    # Matching (issue #15, part 4): an opportunity's people rank its applicants; a partner city's staff (their
    # city) and the coordinator (any) match everyone. An empty decision or an empty matching POST is a 400.
    *opportunity_rows("opportunity_applicants"),
    Row("volunteer_match", only(*MATCHERS), only(*MATCHERS, ok=400)),
    # Shifts and hours (part 5): a volunteer's pages answer 403 to whoever this browser speaks for no volunteer
    # (none of the world's people); tests/volunteering/test_shift_permissions.py asks them as a volunteer.
    *(Row(route, by(405), by(403), case="published",
          at=lambda w: {"opportunity_id": w.opportunity.pk, "shift_id": w.opportunity_shift.pk})
      for route in ("shift_take", "shift_cancel")),
    *(Row(route, by(405), by(404) | same(403, *CESENA_EDITORS), case="draft",
          at=lambda w: {"opportunity_id": w.draft_opportunity.pk, "shift_id": w.draft_opportunity_shift.pk})
      for route in ("shift_take", "shift_cancel")),
    Row("shift_take", by(405), by(404), case="draft-shift-under-published",
        at=lambda w: {"opportunity_id": w.opportunity.pk, "shift_id": w.draft_opportunity_shift.pk}),
    Row("hours_log", by(403), by(403), at=lambda w: {"opportunity_id": w.opportunity.pk}, case="published"),
    Row("hours_log", by(404) | same(403, *CESENA_EDITORS), by(404) | same(403, *CESENA_EDITORS), case="draft",
        at=lambda w: {"opportunity_id": w.draft_opportunity.pk}),
    *opportunity_rows("opportunity_hours"),
    Row("volunteer_certificate", by(403)),
    # Applying without a volunteer in the browser leads to the sign-up; a draft is nobody's but its editors'.
    Row("volunteer_apply", by(405), by(ALLOWED), at=lambda w: {"opportunity_id": w.opportunity.pk}, case="published"),
    Row("volunteer_apply", by(405), by(404) | same(ALLOWED, *CESENA_EDITORS), case="draft",
        at=lambda w: {"opportunity_id": w.draft_opportunity.pk}),
]

# A volunteer's own pages open for the browser that followed their link (none of these identities did): the
# others are asked for the link, whatever their role. The sign-up and the link requests are for anyone.
NO_LINK = by(403)
UNKNOWN_KEY = fixed(key="x" * 43)
VOLUNTEER_SECRET = (Secret(lambda w: VOLUNTEER_EMAIL, (COORDINATOR,)),)
SIGNUP_ROWS = [
    Row("volunteer_signup", PUBLIC, by(400)),
    Row("volunteer_signup_sent", PUBLIC),
    Row("volunteer_indicators", PUBLIC, secrets=VOLUNTEER_SECRET),
    Row("volunteer_confirm", PUBLIC, by(404), at=UNKNOWN_KEY),
    Row("volunteer_me", PUBLIC),
    Row("volunteer_link", PUBLIC, by(400)),
    Row("volunteer_page_key", by(404), at=UNKNOWN_KEY),
    Row("volunteer_details", NO_LINK, NO_LINK),
    Row("volunteer_shifts_ics", NO_LINK),
    Row("volunteer_data", NO_LINK),
    Row("volunteer_erase", NO_LINK, NO_LINK),
    Row("volunteer_account", by(405), NO_LINK),
    Row("volunteer_sign_out", by(405), by(Redirect("/en/p/820885/volunteer/"))),
    Row("volunteer_withdraw", by(405), NO_LINK, at=lambda w: {"commitment_id": w.commitment.pk}),
    # The coordinator answers requests to see or erase a volunteer's data; nobody else lists volunteers.
    Row("volunteer_people", COORDINATOR_ONLY, secrets=VOLUNTEER_SECRET),
    Row("volunteer_person_data", COORDINATOR_ONLY, at=lambda w: {"volunteer_id": w.volunteer.pk},
        get_writes=AUDITED),
    Row("volunteer_person_erase", FORM_ADDRESS, only(COORDINATOR, ok=302),
        at=lambda w: {"volunteer_id": w.volunteer.pk}, data=lambda w: {"confirm": "on"}),
]


# Training (issue #15, part 6): the coordinator and partner city staff plan sessions (their organisation's); the
# public reads them; people with a role but a volunteer's take a place in a session open to staff. The world's
# session is Cesena's, for everyone, in 2020: over, so that a place asked for is refused with its reason (400)
# and attendance is recorded (302).
TRAINING_TITLE = "Matrix training: welcoming newcomers"
ORGANISERS = (CESENA, RIGA, OUTSIDER, COORDINATOR)
STAFF_SEATS = (LEADER, CITY_LEADER, EXPERT, CESENA, RIGA, OUTSIDER, COORDINATOR)


def training(w: World) -> dict:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from values.network.models import Organisation
    from values.volunteering.models import TrainingSession
    from values.volunteering.training import save_training_session

    session = TrainingSession.objects.filter(programme=w.programme, title__en=TRAINING_TITLE).first()
    if session is None:
        rome = ZoneInfo("Europe/Rome")
        session = save_training_session(
            w.programme, organisation=Organisation.objects.get(key="cesena"), by=None, original_language="en",
            title=TRAINING_TITLE, starts_at=datetime(2020, 3, 2, 18, tzinfo=rome),
            ends_at=datetime(2020, 3, 2, 20, tzinfo=rome), places=10,
        )  # fmt: skip
    return {"session_id": session.pk}


TRAINING_ROWS = [
    Row("training", PUBLIC),
    Row("training_add", only(*ORGANISERS), only(*ORGANISERS, ok=400), secrets=(Secret(lambda w: PROPOSAL_TITLE, ()),)),
    Row("training_session", PUBLIC, at=training),
    Row("training_edit", only(CESENA, COORDINATOR), only(CESENA, COORDINATOR, ok=400), at=training),
    Row("training_seat", by(405), only(*STAFF_SEATS, ok=400), at=training),
    Row("training_attendance", only(CESENA, COORDINATOR), only(CESENA, COORDINATOR, ok=302), at=training),
]
VOLUNTEERING_ROWS += TRAINING_ROWS

DRAFT_SECRET = Secret(lambda w: DRAFT_CAMPAIGN_TITLE, ())
PUBLISHING_ROWS = [
    Row("infographics", PUBLIC, secrets=(Secret(lambda w: "Budget against actual", (COORDINATOR,)),)),
    Row("infographic", PUBLIC, at=fixed(key="practices-per-theme", file_format="svg"), case="svg"),
    Row("infographic", PUBLIC, at=fixed(key="timeline", file_format="png"), case="png"),
    Row("infographic", by(403, coordinator=200), at=fixed(key="budget-against-actual", file_format="svg"),
        case="budget"),
    Row("factsheet", PUBLIC, at=fixed(key="cesena", file_format="html"), case="html",
        secrets=(Secret(lambda w: CESENA_CONTACT, SIGNED_IN),)),
    Row("factsheet", PUBLIC, at=fixed(key="cesena", file_format="pdf"), case="pdf"),
    Row("portal", PUBLIC, secrets=(Secret(lambda w: PROPOSAL_TITLE, ()), DRAFT_SECRET)),
    Row("toolkits", PUBLIC),
    Row("toolkit", PUBLIC, at=fixed(key="programme"), case="programme"),
    Row("toolkit", PUBLIC, at=fixed(key="B"), case="theme"),
    # Theme B's editions are queued already: the coordinator's request queues nothing more (no build runs here).
    Row("toolkit_build", by(405), by(403, coordinator=302), at=fixed(key="B")),
    Row("toolkit_pdf", PUBLIC, at=fixed(key="programme")),
    Row("campaign_current", PUBLIC, secrets=(DRAFT_SECRET,)),
    Row("campaign", PUBLIC, at=campaign, case="public"),
    Row("campaign", DRAFT_READER, at=draft, case="draft"),
    Row("campaign_kit", PUBLIC, at=lambda w: {"key": w.campaign.key, "asset_id": w.kit.pk}, case="public"),
    Row("campaign_kit", DRAFT_READER, at=lambda w: {"key": w.draft.key, "asset_id": w.draft_kit.pk}, case="draft"),
    Row("campaign_kit", by(404), at=lambda w: {"key": w.campaign.key, "asset_id": w.draft_kit.pk},
        case="draft-kit-under-public"),
    Row("campaigns", SIGNED_IN_ONLY, only(COORDINATOR, ok=ALLOWED),
        secrets=(Secret(lambda w: DRAFT_CAMPAIGN_TITLE, (COORDINATOR,)),)),
    Row("campaign_plan", COORDINATOR_ONLY, only(COORDINATOR, ok=ALLOWED), at=campaign, case="public"),
    Row("campaign_plan", COORDINATOR_ONLY, only(COORDINATOR, ok=ALLOWED), at=draft, case="draft"),
    Row("campaign_plan_part", COORDINATOR_ONLY, only(COORDINATOR, ok=ALLOWED),
        at=lambda w: {"key": w.draft.key, "part": "message"}),
    Row("campaign_plan_remove", FORM_ADDRESS, only(COORDINATOR, ok=302),
        at=lambda w: {"key": w.draft.key, "part": "message", "item_id": w.draft_message_id}),
    Row("campaign_plan_remove", FORM_ADDRESS, only(COORDINATOR, ok=404), case="draft-message-under-public",
        at=lambda w: {"key": w.campaign.key, "part": "message", "item_id": w.draft_message_id}),
    Row("campaign_reach", only(*REACH), only(*REACH, ok=ALLOWED), at=campaign, case="public"),
    Row("campaign_reach", only(COORDINATOR, no=404), only(COORDINATOR, ok=ALLOWED, no=404), at=draft, case="draft"),
]

# Translations (issue #16): whoever may change a practice, an opportunity or a training session lists those of
# theirs that lack a translation (the world's texts are English; VALUES speaks English and Italian) and translates
# each into Italian beside its original, by the owning app's rules: 403 for what one sees but may not change,
# 404 for a proposal or draft one may not see, and for a language that is not the programme's or is the original.
TRANSLATORS = (LEADER, CITY_LEADER, CESENA, RIGA, OUTSIDER, COORDINATOR)
SIDE_BY_SIDE = {  # case: (kind, the world's item, who changes it, what the others get)
    "practice": ("practice", lambda w: w.practice.pk, CESENA_EDITORS, 403),
    "proposal": ("practice", lambda w: w.proposal.pk, CESENA_EDITORS, 404),
    "opportunity": ("opportunity", lambda w: w.opportunity.pk, CESENA_EDITORS, 403),
    "draft-opportunity": ("opportunity", lambda w: w.draft_opportunity.pk, CESENA_EDITORS, 404),
    "training": ("training", lambda w: training(w)["session_id"], (CESENA, COORDINATOR), 403),
}
TRANSLATION_ROWS = [
    Row("translations", only(*TRANSLATORS),
        secrets=(Secret(lambda w: PROPOSAL_TITLE, CESENA_EDITORS), Secret(lambda w: DRAFT_OPPORTUNITY_TITLE,
                                                                          CESENA_EDITORS))),
    *(Row("translation", only(*editors, no=no), only(*editors, ok=400, no=no), case=case,
          at=lambda w, kind=kind, pk=pk: {"kind": kind, "item_id": pk(w), "language": "it"})
      for case, (kind, pk, editors, no) in SIDE_BY_SIDE.items()),
    Row("translation", only(*CESENA_EDITORS, ok=404), only(*CESENA_EDITORS, ok=404), case="not-a-programme-language",
        at=lambda w: {"kind": "practice", "item_id": w.practice.pk, "language": "de"}),
    Row("translation", only(*CESENA_EDITORS, ok=404), only(*CESENA_EDITORS, ok=404), case="original-language",
        at=lambda w: {"kind": "practice", "item_id": w.practice.pk, "language": "en"}),
    Row("translation", by(404, anonymous=LOGIN), by(404, anonymous=LOGIN), case="unknown-kind",
        at=lambda w: {"kind": "poem", "item_id": w.practice.pk, "language": "it"}),
]
PUBLISHING_ROWS += TRANSLATION_ROWS

# What the coordinator who has typed their password but not yet their code may open: the pages that
# take the second factor, the sign-out and the language switch (the feeds above, read by applications).
NETWORK_ROWS = [
    Row("login", by(LANDING, anonymous=200, coordinator_password_only=LANDING),
        by(LANDING, anonymous=ALLOWED, coordinator_password_only=LANDING)),
    Row("login_verify", by(SIGN_IN_PAGE, coordinator_password_only=200),
        by(SIGN_IN_PAGE, coordinator_password_only=ALLOWED)),
    Row("logout", by(405, coordinator_password_only=405), by(HOME, coordinator_password_only=HOME)),
    Row("account", SIGNED_IN_ONLY),
    Row("two_factor", SIGNED_IN_ONLY),
    # Opening the set-up page prepares the authenticator being set up (a device not confirmed yet); whoever
    # has one but has not typed its code sets up no other.
    Row("two_factor_setup", by(200, anonymous=SIGN_IN_PAGE, coordinator_password_only=SECOND_STEP_PAGE),
        by(ALLOWED, anonymous=SIGN_IN_PAGE, coordinator_password_only=SECOND_STEP_PAGE),
        get_writes=frozenset({"otp_totp_totpdevice"})),
    Row("recovery_codes_renew", FORM_ADDRESS, by(ALLOWED, anonymous=LOGIN)),
    Row("two_factor_disable", FORM_ADDRESS, by(ALLOWED, anonymous=LOGIN)),
    Row("audit_log", COORDINATOR_ONLY),
    Row("password_reset", PUBLIC, by(ALLOWED)),
    Row("password_reset_done", PUBLIC),
    Row("password_reset_confirm", PUBLIC, by(ALLOWED), at=fixed(uidb64="MQ", token="not-a-token"),
        case="invalid-link"),
    Row("password_reset_complete", PUBLIC),
    Row("set_language", by(ALLOWED, coordinator_password_only=ALLOWED),
        by(Redirect("/it/"), coordinator_password_only=Redirect("/it/")),
        data=lambda w: {"language": "it", "next": "/en/"}),
    Row("admin:index", by(Redirect("/en/admin/login/?next=/en/admin/"), coordinator=200)),
    Row("/admin/login/", by(SIGN_IN_PAGE)),  # unnamed: the admin signs in through the site's sign-in page
]

# The API's pages for people (issue #18); its operations (`api:` routes) have their own matrix, one row per
# operation of its OpenAPI description (tests/api/test_api_permission_matrix.py).
API_PAGE_ROWS = [
    Row("api_docs", by(200, coordinator_password_only=SECOND_STEP)),
    Row("api_docs_redirect", by(Redirect("/en/api/"), coordinator_password_only=Redirect("/en/api/"))),
    Row("api_tokens", SIGNED_IN_ONLY, by(ALLOWED, anonymous=LOGIN), data=lambda w: {"name": "x", "scope": "read",
                                                                                   "days": "1"}),
    Row("api_token_revoke", FORM_ADDRESS, only(CESENA, ok=Redirect("/en/accounts/tokens/"), no=404),
        at=lambda w: {"token_id": w.token.pk}),
]
# fmt: on

ROWS = (
    PROGRAMME_ROWS + FINANCE_ROWS + MONITORING_ROWS + AMENDMENT_ROWS + KNOWLEDGE_ROWS + VOLUNTEERING_ROWS + SIGNUP_ROWS
    + ACTIVITY_ROWS + REPORT_ROWS + ACTION_PLAN_ROWS + PUBLISHING_ROWS + NETWORK_ROWS + API_PAGE_ROWS
)  # fmt: skip


# -- walking the resolver -----------------------------------------------------------------------
def site_routes() -> set[str]:
    """Every route's name (an unnamed one by its address), and of the admin's only its index."""
    routes: set[str] = set()

    def walk(patterns, namespace: str, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
                step = "" if isinstance(pattern.pattern, LocalePrefixPattern) else str(pattern.pattern)
                walk(pattern.url_patterns, inner, prefix + step)
            elif isinstance(pattern, URLPattern) and pattern.name:
                routes.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
            elif isinstance(pattern, URLPattern) and not namespace:
                routes.add(f"/{prefix}{pattern.pattern}")

    walk(get_resolver(programme_urlconf("820885")).url_patterns, "", "")
    # The API's operations are walked through its description instead (tests/api/test_api_permission_matrix.py).
    return {route for route in routes if not route.startswith(("admin:", "api:"))} | {"admin:index"}


def test_every_route_has_a_row_and_every_row_a_route():
    declared = {row.route for row in ROWS}

    assert sorted(site_routes() - declared) == [], "routes without a row in the permission matrix"
    assert sorted(declared - site_routes()) == [], "rows whose route no longer exists"


# -- requesting every route as one identity -----------------------------------------------------
def signed_in_client(identity: str, world: World) -> Client:
    client = Client()
    if world.people[identity] is not None:
        client.force_login(world.people[identity])  # with the second factor (tests/conftest.py)
    if identity == PASSWORD_ONLY:
        session = client.session
        del session[DEVICE_ID_SESSION_KEY]  # the password was right; the code is still to be typed
        session.save()
    return client


class Writes:
    """The tables a request writes to, but the session's."""

    def __init__(self) -> None:
        self.tables: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        words = sql.split(None, 3)
        verb = words[0].upper() if words else ""
        if verb in ("INSERT", "UPDATE", "DELETE", "REPLACE") and len(words) > 2:
            table = (words[1] if verb == "UPDATE" else words[2]).strip('"`')
            if table != "django_session":
                self.tables.add(table)
        return execute(sql, params, many, context)


def request(client: Client, method: str, url: str, data: dict):
    """The response (or the exception of a server error), its body and the tables it wrote; every change
    is rolled back, the session's too."""
    writes, cookies = Writes(), SimpleCookie(client.cookies.output(header="", sep="\n"))
    with connection.execute_wrapper(writes), transaction.atomic():
        try:
            response = client.get(url) if method == "GET" else client.post(url, data)
            # Reading a streamed body to its end closes its file, as the test client's wrapper does.
            body = b"".join(response.streaming_content) if response.streaming else response.content
        except Exception as error:  # reported with the other mismatches; the walk goes on
            response, body = error, b""
        finally:
            transaction.set_rollback(True)
    client.cookies = cookies  # a sign-out or a new session stays inside this request
    return response, body, writes.tables


def outcome(response) -> str:
    if isinstance(response, Exception):
        return f"500 ({type(response).__name__}: {response})"
    if response.status_code in (301, 302):
        return f"{response.status_code} → {response['Location']}"
    return str(response.status_code)


def meets(expected: Expect, response, method: str, url: str) -> bool:
    if isinstance(response, Exception):
        return False
    status, location = response.status_code, response.get("Location", "")
    if expected is LOGIN:
        return status == 302 and location == f"/en/accounts/login/?next={quote(url, safe='/')}"
    if expected is SECOND_STEP:
        back = f"?{urlencode({'next': url})}" if method == "GET" else ""
        return status == 302 and location == f"/en/accounts/login/verify/{back}"
    if expected is ALLOWED:
        return status not in (403, 404) and status < 500 and not location.startswith("/en/accounts/login/")
    if isinstance(expected, Redirect):
        return status == 302 and location == expected.to
    return status == expected


def url_of(row: Row, world: World) -> str:
    if row.route.startswith("/"):
        return "/en" + row.route
    with translation.override("en"):
        return reverse(row.route, kwargs=row.at(world), urlconf=programme_urlconf(world.programme.code))


def check(row: Row, method: str, identity: str, client: Client, world: World) -> list[str]:
    """What this request gives that the table does not expect, one line per difference."""
    expected, url = (row.get if method == "GET" else row.post)[identity], url_of(row, world)
    response, body, writes = request(client, method, url, row.data(world) if method == "POST" else {})
    where, found = f"{row.label} {method} {identity}", []
    if not meets(expected, response, method, url):
        found.append(f"{where}: expected {expected}, got {outcome(response)}")
    if method == "GET" and writes - row.get_writes:
        found.append(f"{where}: a GET wrote to {', '.join(sorted(writes - row.get_writes))}")
    text = body.decode("utf-8", errors="replace")
    for secret in row.secrets:
        if identity not in secret.readers and secret.text(world) in text:
            found.append(f"{where}: shows {secret.text(world)!r}, which is not theirs to read")
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("identity", IDENTITIES)
def test_every_route_answers_as_declared(identity, world):
    client = signed_in_client(identity, world)

    mismatches = [
        problem
        for row in ROWS
        for method in ("GET", "POST") if method == "GET" or row.post is not None
        for problem in check(row, method, identity, client, world)
    ]  # fmt: skip

    assert mismatches == [], "\n" + "\n".join(mismatches)
