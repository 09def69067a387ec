"""Every change to programmes, themes and partnerships goes through these functions."""

from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import QuerySet

from values.core.money import DEFAULT_INDIRECT_RATE
from values.network.enums import AuditAction, Role
from values.network.models import Organisation, User
from values.network.services import (
    coordinators_group,
    record_audit,
    remove_city,
    replace_people,
    save_city,
    save_organisation,
)
from values.programme.models import BudgetLine, Membership, Partner, PartnerBudget, Programme, Theme, ThemeInterest
from values.programme.shared import merged_people, merged_text, shared_changes, sharing_programmes
from values.programme.spec import BudgetSpec, OrganisationSpec, Problem, ProgrammeFile, ThemeSpec


@dataclass(frozen=True)
class LoadSummary:
    programme: Programme
    created: bool
    themes: int
    organisations: int
    removed_partners: int
    removed_themes: int
    shared_changes: tuple[Problem, ...] = ()


class SharedRecordsChanged(Exception):
    """`keep_shared` was asked for and the file would change records other programmes share."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} change(s) to records shared with other programmes")
        self.problems = problems


@transaction.atomic
def load_programme_file(document: ProgrammeFile, *, keep_shared: bool = False) -> LoadSummary:
    """Create or update a programme from a checked file, matching everything by id.

    The file is the whole partnership: themes and partners that it no longer lists are
    removed from the programme (their organisations stay, they may be in other programmes).
    Organisations other programmes share keep their other translations and contacts; what the
    file changes on them is reported, or with `keep_shared` refused before anything is written.
    """
    changes = shared_changes(document, severity="error" if keep_shared else "warning")
    if keep_shared and changes:
        raise SharedRecordsChanged(changes)
    programme, created = _save_programme(document)
    themes = {spec.id: _save_theme(programme, spec, position) for position, spec in enumerate(document.themes)}
    removed_themes = _delete(programme.themes.exclude(key__in=themes))
    # The coordinator may change hands: demote the old one first (one coordinator at a time).
    coordinator_key = next(spec.id for spec in document.organisations if spec.role == "coordinator")
    programme.partners.filter(role="coordinator").exclude(organisation__key=coordinator_key).update(role="partner")
    partners = [
        _save_partner(programme, spec, position, themes) for position, spec in enumerate(document.organisations)
    ]
    removed_partners = _delete(programme.partners.exclude(pk__in=[p.pk for p in partners]))
    return LoadSummary(programme, created, len(themes), len(partners), removed_partners, removed_themes, tuple(changes))


def _delete(queryset: QuerySet) -> int:
    """Delete and count the rows themselves, not what cascades from them."""
    count = queryset.count()
    queryset.delete()
    return count


def _save_programme(document: ProgrammeFile) -> tuple[Programme, bool]:
    spec, planning = document.programme, document.planning
    return Programme.objects.update_or_create(
        code=spec.code,
        defaults={
            "acronym": spec.acronym,
            "title": spec.title,
            "fund": spec.fund,
            "start": spec.start,
            "duration_months": spec.duration_months,
            "total_cost": spec.total_cost,
            "currency": spec.currency,
            "objective": spec.objective,
            "summary": spec.summary,
            "activities": [{"title": a.title, "text": a.text} for a in spec.activities],
            "expected_results": list(spec.expected_results),
            "languages": list(spec.languages),
            "community_size": planning.community_size,
            "visit_days": planning.visit_days,
            "exchange_days": planning.exchange_days,
            "blackout": list(planning.blackout),
            "country_weight": planning.country_weight,
            "score_scale": list(planning.score_scale),
            "preparation_months": planning.preparation_months,
            "targets": dict(document.targets),
        },
    )


def _save_theme(programme: Programme, spec: ThemeSpec, position: int) -> Theme:
    theme, _ = Theme.objects.update_or_create(
        programme=programme, key=spec.id, defaults={"title": spec.title, "position": position}
    )
    return theme


def _save_partner(programme: Programme, spec: OrganisationSpec, position: int, themes: dict[str, Theme]) -> Partner:
    current = Organisation.objects.filter(key=spec.id).first()
    shared = current is not None and bool(sharing_programmes(current, programme.code))
    name = merged_text(current.name, spec.name) if shared else spec.name
    organisation: Organisation = save_organisation(key=spec.id, name=name, kind=spec.kind, country=spec.country)
    if spec.city is None:
        remove_city(organisation)
    else:
        city = spec.city
        save_city(organisation, name=city.name, lat=city.lat, lon=city.lon, languages=list(city.languages))
    people = [asdict(person) for person in spec.people]
    replace_people(organisation, merged_people(list(organisation.people.all()), spec.people) if shared else people)
    partner, _ = Partner.objects.update_or_create(
        programme=programme, organisation=organisation, defaults={"role": spec.role, "position": position}
    )
    save_partner_budget(partner, spec.budget)
    partner.interests.exclude(theme__key__in=spec.interests).delete()
    for theme_key, score in spec.interests.items():
        ThemeInterest.objects.update_or_create(partner=partner, theme=themes[theme_key], defaults={"score": score})
    return partner


def save_partner_budget(partner: Partner, spec: BudgetSpec | None) -> None:
    if spec is None:
        PartnerBudget.objects.filter(partner=partner).delete()
        return
    budget, _created = PartnerBudget.objects.update_or_create(
        partner=partner,
        defaults={
            "total": spec.total,
            "eu_contribution": spec.eu_contribution,
            "cofinancing": spec.cofinancing,
            "stated_eu_rate": spec.eu_rate,
            "indirect_rate": DEFAULT_INDIRECT_RATE if spec.indirect_rate is None else spec.indirect_rate,
        },
    )
    # The file is the record of the plan: its categories replace the stored ones.
    budget.lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(budget=budget, category=name, amount=amount) for name, amount in spec.categories or ()
    )


# -- roles ------------------------------------------------------------------------------------
def membership_label(membership: Membership) -> str:
    where = membership.programme.code if membership.programme_id else "*"
    return f"{membership.user.get_username()} · {membership.organisation.key} · {membership.role} · {where}"


@transaction.atomic
def grant_role(
    user: User, *, programme: Programme | None, organisation: Organisation, role: Role, by: User | None = None
) -> Membership:
    """Make `user` act for `organisation` in `role` in the programme (None: in every programme); a coordinator
    also gets the admin."""
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role, programme=programme
    )
    if role == Role.COORDINATOR:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.groups.add(coordinators_group())
    if created:
        record_audit(AuditAction.ROLE_GRANTED, by=by, target=membership_label(membership))
    return membership


@transaction.atomic
def revoke_role(membership: Membership, *, by: User | None = None) -> None:
    """End a membership; a coordinator with no coordinator membership left in any programme loses the admin."""
    user = membership.user
    label = membership_label(membership)
    membership.delete()
    last_coordinator_role = not user.memberships.filter(role=Role.COORDINATOR).exists()
    if membership.role == Role.COORDINATOR and last_coordinator_role and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])
        user.groups.remove(coordinators_group())
    record_audit(AuditAction.ROLE_REVOKED, by=by, target=label)
