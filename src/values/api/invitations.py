"""Invitations to an activity by e-mail for people who have no account yet, as on the nomination page
(`values.activities.services.invite_participant`)."""

from ninja import Router

router = Router(tags=["activities"])
