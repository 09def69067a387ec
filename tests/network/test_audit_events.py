"""Each sensitive action of the other apps leaves its entry in the audit log."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from values.actionplans.permissions import find_plan
from values.actionplans.services import set_plan_published, set_plan_status
from values.knowledge.models import Practice, Theme
from values.knowledge.services import save_practice
from values.network.enums import AuditAction
from values.network.models import AuditEntry, Organisation
from values.network.services import COMMAND_LINE
from values.publishing.services import save_campaign

pytestmark = pytest.mark.django_db


def _entries(action: AuditAction) -> list[tuple[str, str]]:
    return list(AuditEntry.objects.filter(action=action).order_by("id").values_list("actor_name", "target"))


def test_accepting_a_plan_is_logged_with_what_it_made(accepted_plan):
    entry = AuditEntry.objects.get(action=AuditAction.PLAN_ACCEPTED)

    assert (entry.actor_name, entry.target) == ("coordinator", f"plan run {accepted_plan.pk}")
    assert entry.detail == {"communities": 4, "visits": 16, "exchanges": 16}


def test_publishing_a_practice_through_its_page_is_logged(client, programme, cesena_staff, coordinator):
    practice = save_practice(
        programme, organisation=Organisation.objects.get(key="cesena"), by=cesena_staff, original_language="en",
        texts={"title": "Language café", "summary": "Weekly."}, themes=[Theme.objects.get(key="C")],
    )  # fmt: skip
    client.force_login(coordinator)

    client.post(f"/en/p/820885/practices/{practice.pk}/publish/")

    assert Practice.objects.get().status == "published"
    assert _entries(AuditAction.PUBLISHED) == [("coordinator", f"practice {practice.pk}: Language café")]


def test_publishing_and_withdrawing_an_action_plan_are_logged(client, programme, cesena_staff):
    client.force_login(cesena_staff)
    url = "/en/p/820885/action-plans/cesena/status/"
    client.post(url, {"status": "in_review"})
    client.post(url, {"status": "adopted"})

    client.post(url, {"published": "1"})
    client.post(url, {"published": "1"})  # already published: nothing changes, nothing logged
    client.post(url, {"published": "0"})

    assert _entries(AuditAction.PUBLISHED) == [("cesena", "action plan cesena")]
    assert _entries(AuditAction.WITHDRAWN) == [("cesena", "action plan cesena")]


def test_a_service_call_without_a_person_is_logged_without_one(programme, cesena_staff):
    plan = set_plan_status(set_plan_status(_cesena_plan(programme), "in_review"), "adopted")

    set_plan_published(plan, True)

    assert _entries(AuditAction.PUBLISHED) == [("", "action plan cesena")]


def _cesena_plan(programme):
    return find_plan(programme, "cesena")


def test_making_a_campaign_public_and_private_again_is_logged(programme, coordinator):
    texts = {
        "title": {"en": "Time to welcome"}, "call_to_action": {"en": "Give two hours."}, "pitch": {},
        "starts_on": date(2020, 3, 1), "ends_on": date(2020, 6, 30), "volunteer_url": "https://example.org/",
    }  # fmt: skip
    campaign = save_campaign(programme, key="welcome", by=coordinator, published=False, **texts)

    save_campaign(programme, campaign=campaign, key="welcome", by=coordinator, published=True, **texts)
    save_campaign(programme, campaign=campaign, key="welcome", by=coordinator, published=False, **texts)

    assert _entries(AuditAction.PUBLISHED) == [("coordinator", "campaign welcome")]
    assert _entries(AuditAction.WITHDRAWN) == [("coordinator", "campaign welcome")]


def test_exports_of_personal_data_are_logged_from_the_web_and_the_command_line(client, coordinator, tmp_path):
    client.force_login(coordinator)

    client.get("/en/p/820885/reports/export.csv")
    call_command("export", str(tmp_path / "values.yaml"), stdout=io.StringIO())
    call_command("export_practices", str(tmp_path / "practices.csv"), stdout=io.StringIO())

    assert _entries(AuditAction.PERSONAL_DATA_EXPORTED) == [
        ("coordinator", "reports: VALUES"),
        (COMMAND_LINE, "programme file 820885"),
        (COMMAND_LINE, "practices of 820885"),
    ]
