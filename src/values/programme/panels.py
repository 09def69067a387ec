"""The programme's part of a person's account page, added to its `account` slot (core.panels): the roles they
hold in each programme, which network (below programme) does not know."""

from django.urls import reverse

from values.programme.addresses import programme_addresses
from values.programme.queries import roles_of


def account_roles(context, user) -> dict:
    rows = []
    for membership in roles_of(user):
        link = None
        if (
            membership.programme is not None
            and membership.organisation.partnerships.filter(programme=membership.programme).exists()
        ):
            with programme_addresses(membership.programme):
                link = reverse("partner", args=[membership.organisation.key])
        rows.append((membership, link))
    return {"roles": rows}
