"""Real Chromium driven by the keyboard alone: the four journeys of issue #16, each with a skip link and visible focus.

No click() and no fill(): the tests move with Tab, Shift+Tab, Enter, Space and arrow keys, and type with
keyboard.type(). tab_to() proves that an element is in the tab order, and every element that Tab reaches on
the way must draw its focus (an outline or a box-shadow).
"""

import re
import weakref
from datetime import date, timedelta

import pytest
from django.core import mail
from playwright.sync_api import Locator, Page, expect

from tests.conftest import PASSWORD, make_member
from tests.core.test_browser import assert_accessible
from tests.volunteering.test_services import offer
from values.activities.models import Participant
from values.activities.services import answer_nomination, nominate_participant
from values.network.enums import Role
from values.network.models import User
from values.reports.models import Report
from values.reports.services import request_reports, save_template
from values.volunteering.models import Volunteer
from values.volunteering.services import publish_opportunity

# The button names the person signed in ("Sign out (Anna Lisi)"), or says they have no name.
SIGN_OUT = re.compile(r"^Sign out \(")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = "/en/p/820885"

# What the focused element looks like: its name for messages, and whether its focus is drawn. When a date input
# is active but does not match :focus, focus is on a part of the browser's own inside it (its calendar button).
_FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const label = (el.getAttribute("aria-label") || el.labels?.[0]?.textContent || el.textContent || el.name || "")
    .trim().replace(/\\s+/g, " ").slice(0, 60);
  const part = el.matches(":focus") ? "" : " (the browser's own button inside it)";
  return {
    name: `<${el.tagName.toLowerCase()}${el.id ? " id=" + el.id : ""}> ${label}${part}`,
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    boxShadow: style.boxShadow,
  };
}"""


class InvisibleFocus(AssertionError):
    """Tab reached an element that draws no focus: no outline and no box-shadow."""


# The invisible focus each page met in tab_to(), so that a journey still runs to its end before failing for it.
_INVISIBLE: weakref.WeakKeyDictionary[Page, list[str]] = weakref.WeakKeyDictionary()


def focus_on(page: Page) -> tuple[str, bool]:
    """The focused element's name, and whether it draws an outline (style not none, width above 0) or a box-shadow."""
    focus = page.evaluate(_FOCUS_STYLE)
    outline = focus["outlineStyle"] != "none" and focus["outlineWidth"] > 0
    shadow = focus["boxShadow"] not in ("", "none")
    return focus["name"], outline or shadow


def assert_focus_visible(page: Page) -> None:
    name, visible = focus_on(page)
    if not visible:
        raise InvisibleFocus(f"focus is invisible on {name}")


def assert_focus_was_visible(page: Page) -> None:
    """Every element that tab_to() went through on this page drew its focus."""
    invisible = _INVISIBLE.get(page, [])
    if invisible:
        raise InvisibleFocus("focus is invisible on " + "; ".join(dict.fromkeys(invisible)))


def tab_to(page: Page, locator: Locator, limit: int = 80, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the locator's element has focus, noting each undrawn focus on the way."""
    target = locator.element_handle(timeout=5_000)
    passed = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("document.activeElement === document.body"):
            continue  # past the page's last element, focus leaves the document before it wraps round
        name, visible = focus_on(page)
        passed.append(name)
        if not visible:
            _INVISIBLE.setdefault(page, []).append(name)
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{locator} was not reached in {limit} presses of Tab; focus went through {passed}")


def skip_to_content(page: Page) -> None:
    """The first Tab lands on a visible "Skip to content", and Enter on it moves focus to <main id="main">."""
    page.keyboard.press("Tab")

    skip = page.evaluate("""() => {
      const el = document.activeElement;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const atCentre = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return {
        text: el.textContent.trim(), href: el.getAttribute("href"),
        inside: box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
        size: box.width > 0 && box.height > 0, clip: style.clip, clipPath: style.clipPath,
        onTop: atCentre !== null && (atCentre === el || el.contains(atCentre)),
      };
    }""")
    assert (skip["text"], skip["href"]) == ("Skip to content", "#main")
    shown = {"inside": True, "size": True, "onTop": True, "clip": "auto", "clipPath": "none"}
    assert {key: skip[key] for key in shown} == shown, f"the skip link is not fully visible when focused: {skip}"
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName + '#' + document.activeElement.id") == "MAIN#main"


def type_into_the_focused_username(page: Page, username: str) -> None:
    """The sign-in page puts focus in Username (autofocus), drawn like any other focus."""
    expect(page.get_by_label("Username")).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.type(username)


def sign_in_by_keyboard(page: Page, live_server, username: str, next_path: str) -> None:
    """The sign-in form by keyboard; city staff and participants need no second factor."""
    page.goto(f"{live_server.url}/en/accounts/login/?next={next_path}")
    type_into_the_focused_username(page, username)
    tab_to(page, page.get_by_label("Password"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{next_path}")


def test_city_staff_sign_in_from_the_header_by_keyboard(page: Page, live_server, cesena_staff):
    page.goto(f"{live_server.url}{BASE}/partners/cesena/")
    skip_to_content(page)

    tab_to(page, page.get_by_role("link", name="Sign in"), backwards=True)  # the header's last link, just before main
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Sign in")
    type_into_the_focused_username(page, "cesena")
    tab_to(page, page.get_by_label("Password"))
    page.keyboard.type(PASSWORD)
    tab_to(page, page.get_by_role("button", name="Sign in"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}{BASE}/partners/cesena/")
    expect(page.get_by_role("button", name=SIGN_OUT)).to_be_visible()
    expect(page.get_by_role("link", name="zoffoli_r@comune.cesena.fc.it")).to_be_visible()
    assert User.objects.get(username="cesena").last_login is not None
    assert_accessible(page)
    assert_focus_was_visible(page)


def test_the_host_city_nominates_a_participant_by_keyboard(page: Page, live_server, cesena_visit, cesena_staff):
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    leader.first_name, leader.last_name = "Luca", "Neri"  # pages show people by name, never by login
    leader.save(update_fields=["first_name", "last_name"])
    visit_path = f"{BASE}/activities/{cesena_visit.pk}/"
    sign_in_by_keyboard(page, live_server, "cesena", visit_path)
    skip_to_content(page)

    tab_to(page, page.get_by_role("link", name="Nominate a participant"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Nominate a participant")
    person = page.get_by_label("Person")
    tab_to(page, person)
    # The choices: "---------", the Cesena staff member's, then "Luca Neri (City of Cesena)".
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(person).to_have_value(str(leader.memberships.get().pk))
    tab_to(page, page.get_by_role("button", name="Nominate", exact=True))
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}{visit_path}")
    expect(page.get_by_text("The nomination was recorded; the person is asked to confirm.")).to_be_visible()
    participants = page.get_by_role("table", name="Nominated by their cities")
    expect(participants.get_by_role("row", name="Luca Neri")).to_contain_text("Nominated")
    participant = Participant.objects.get()
    assert (participant.user, participant.status, participant.nominated_by) == (leader, "nominated", cesena_staff)
    assert participant.organisation.key == "cesena"
    assert_accessible(page)
    assert_focus_was_visible(page)


def test_a_participant_submits_a_report_by_keyboard(page: Page, live_server, programme, cesena_visit, cesena_staff):
    questions = [
        {"kind": "long_text", "text": "What did you learn?", "help_text": "", "required": True, "choices": []},
        {"kind": "scale", "text": "How useful was it?", "help_text": "", "required": True, "choices": []},
    ]
    template = save_template(programme, title="Key research questions", description="", questions=questions)
    request_reports(cesena_visit, template=template, due=date.today() + timedelta(days=30))
    leader = make_member("leader", "cesena", Role.VOLUNTEER_LEADER)
    organisation = leader.memberships.get().organisation
    participant = nominate_participant(
        cesena_visit, user=leader, organisation=organisation, by=cesena_staff, today=cesena_visit.start
    )
    answer_nomination(participant, confirm=True)
    visit_path = f"{BASE}/activities/{cesena_visit.pk}/"
    sign_in_by_keyboard(page, live_server, "leader", visit_path)
    skip_to_content(page)

    tab_to(page, page.get_by_role("link", name="Write my report"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Key research questions")
    tab_to(page, page.get_by_label("What did you learn?"))
    page.keyboard.type("How a buddy scheme welcomes newcomers.")
    useful = page.get_by_label("How useful was it?")
    tab_to(page, useful)
    page.keyboard.press("End")  # the scale's last choice, 5
    expect(useful).to_have_value("5")
    tab_to(page, page.get_by_role("button", name="Submit the report"))
    page.keyboard.press("Enter")

    expect(page.get_by_text("Your report was submitted.")).to_be_visible()
    report = Report.objects.get()
    assert (report.participant, report.status) == (participant, "submitted")
    assert sorted(map(str, report.answers.values())) == ["5", "How a buddy scheme welcomes newcomers."]
    assert_accessible(page)
    assert_focus_was_visible(page)


# The journey runs to its end, but on the way Tab stops on the calendar button that Chromium puts inside the
# list's date filter ("On:", input[type=date]). site.css styles :focus-visible of elements, not of that part, so
# only Chromium's own thin black ring shows, which no computed style reports: the part lacks a rule such as
# input[type="date"]::-webkit-calendar-picker-indicator:focus-visible. site.css is being rewritten elsewhere.
# Strict, so that the marker must go once the focus is drawn; only InvisibleFocus counts as the expected failure.
def test_a_resident_signs_up_as_a_volunteer_by_keyboard(page: Page, live_server, programme):
    cafe = publish_opportunity(offer(programme, title="Language café at the library", end_date=None), by=None)
    page.goto(f"{live_server.url}{BASE}/volunteer/")
    skip_to_content(page)

    tab_to(page, page.get_by_role("link", name="Language café at the library"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Language café at the library")
    tab_to(page, page.get_by_role("button", name="I want to help"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Volunteer with us")
    tab_to(page, page.get_by_label("Name:", exact=True))
    page.keyboard.type("Luca Bianchi")
    tab_to(page, page.get_by_role("textbox", name="E-mail"))
    page.keyboard.type("luca@example.org")
    tab_to(page, page.get_by_label("Languages you speak"))
    page.keyboard.type("it, en")
    for slot in ("Wednesday evening", "Saturday morning"):
        box = page.get_by_role("checkbox", name=slot)
        tab_to(page, box)
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    consent = page.get_by_role("checkbox", name="I agree")
    tab_to(page, consent)
    page.keyboard.press("Space")
    expect(consent).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Sign up"))
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Check your e-mail")
    volunteer = Volunteer.objects.get()  # nothing counts until the mailed link is followed: the sign-up waits
    pending = volunteer.pending
    assert (volunteer.email, volunteer.confirmed_at, pending["opportunity"]) == ("luca@example.org", None, cafe.pk)
    assert (pending["name"], pending["languages"]) == ("Luca Bianchi", ["it", "en"])
    assert (pending["availability"], pending["consent_text"] != "") == (["2-evening", "5-morning"], True)
    assert [message.to for message in mail.outbox] == [["luca@example.org"]]
    assert_accessible(page)
    assert_focus_was_visible(page)
