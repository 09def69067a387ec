"""Volunteer training sessions: listed and read as on the training pages, offered, changed and translated by who may
offer them, seats taken and given back, attendance recorded: the same services and rules as
`values.volunteering.training`."""

from ninja import Router

router = Router(tags=["training"])
