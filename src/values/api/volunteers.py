"""A volunteer's own door: signing up (confirmed by the e-mailed link, as on the sign-up page), and, for the
volunteer tied to the calling account, their details, applications, shift bookings and hours: the same services
and rules as the volunteer's pages (`values.volunteering`)."""

from ninja import Router

router = Router(tags=["volunteers"])
