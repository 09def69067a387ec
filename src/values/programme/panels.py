"""The programme's part of a person's account page, added to its `account` slot (core.panels): the roles they
hold in each programme, which network (below programme) does not know."""

from django.urls import reverse

from values.programme.addresses import programme_addresses
from values.programme.models import Partner
from values.programme.queries import roles_of


def account_roles(context, user) -> dict:
    """Each role, with a link to its organisation's page in its programme when the organisation is a partner there."""
    roles = list(roles_of(user))
    partnerships = set(
        Partner.objects.filter(
            organisation__in={m.organisation_id for m in roles}, programme__in={m.programme_id for m in roles}
        ).values_list("organisation_id", "programme_id")
    )
    rows = []
    for membership in roles:
        link = None
        if (membership.organisation_id, membership.programme_id) in partnerships:
            with programme_addresses(membership.programme):
                link = reverse("partner", args=[membership.organisation.key])
        rows.append((membership, link))
    return {"roles": rows}
