from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

from values.core.text import pick
from values.network.codes import country_time_zone
from values.network.models import Organisation, User
from values.programme.models import Programme, Theme
from values.volunteering.enums import (
    BookingStatus,
    CommitmentStatus,
    HoursStatus,
    OpportunityKind,
    OpportunityStatus,
    TrainingAudience,
)

MAX_PLACES = 500
MAX_AGE = 99


class Opportunity(models.Model):
    """A way to volunteer that a partner organisation offers in a partner city: a role, a meet-up, a language café
    or a welcome event; its texts may be translated into any language."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="opportunities", verbose_name=_("programme")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="opportunities", verbose_name=_("organisation")
    )
    city = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="opportunities_held", verbose_name=_("city")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=OpportunityKind)
    original_language = models.CharField(_("original language"), max_length=8)
    title = models.JSONField(_("title"), help_text=_("Language code to text; the original language is required."))
    description = models.JSONField(_("description"), default=dict, help_text=_("Markdown."))
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="opportunities", verbose_name=_("theme"))
    neighbourhood = models.CharField(_("neighbourhood"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    languages = models.JSONField(_("languages wanted"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    places = models.PositiveSmallIntegerField(_("places"))
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), default=0)
    vulnerable_people = models.BooleanField(_("works with minors or vulnerable people"), default=False)
    # Only that the organisation saw the check, who recorded it and when: no document is stored.
    background_check_seen_at = models.DateTimeField(_("background check seen"), null=True, blank=True)
    background_check_seen_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("recorded by")
    )
    accessibility = models.TextField(_("accessibility"), blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=OpportunityStatus, default=OpportunityStatus.DRAFT)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("volunteer opportunity")
        verbose_name_plural = _("volunteer opportunities")
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(places__gte=1, places__lte=MAX_PLACES), name="opportunity_places"
            ),
            models.CheckConstraint(condition=models.Q(minimum_age__lte=MAX_AGE), name="opportunity_minimum_age"),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="opportunity_latitude",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="opportunity_longitude",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="opportunity_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return pick(self.title, self.original_language)

    @property
    def background_check_seen(self) -> bool:
        return self.background_check_seen_at is not None

    @property
    def time_zone(self) -> ZoneInfo:
        """The city's: shifts are typed and shown in the time where they happen."""
        return ZoneInfo(country_time_zone(self.city.country))


class Shift(models.Model):
    """A time when volunteers are wanted, with its places."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="shifts", verbose_name=_("opportunity")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    places = models.PositiveSmallIntegerField(_("places"))

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["opportunity", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(places__gte=1, places__lte=MAX_PLACES), name="shift_places"),
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} · {self.starts_at:%Y-%m-%d %H:%M}"


class Volunteer(models.Model):
    """A person who signed up to volunteer in a programme, known by their e-mail address (one row per address).

    Nobody but the person sees them before they confirm by the link in their e-mail (`confirmed_at`); what a
    sign-up sends waits in `pending` until that link is followed, so that typing someone else's address changes
    nothing of theirs. An anonymised volunteer keeps their counts and hours, without name, address or contact.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="volunteers", verbose_name=_("programme")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language of e-mails"), max_length=8, default="en")
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    # Slots "<weekday 0-6>-<day part>", such as "0-morning" for Monday mornings.
    availability = models.JSONField(_("weekly availability"), default=list, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="interested_volunteers", verbose_name=_("themes"))
    city = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="volunteers",
        verbose_name=_("city"),
    )  # fmt: skip
    area = models.CharField(_("area"), max_length=200, blank=True, help_text=_("A postcode or a place."))
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    max_km = models.PositiveSmallIntegerField(_("how far they will go (km)"), default=10)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    consent_text = models.TextField(_("consent given"), blank=True)
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    pending = models.JSONField(_("details waiting for confirmation"), default=dict, blank=True)
    confirmation_digest = models.CharField(max_length=64, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    page_digest = models.CharField(max_length=64, blank=True)
    page_link_sent_at = models.DateTimeField(null=True, blank=True)
    # Where the campaign's call reached them: the campaign's id and the channel its link named.
    campaign = models.CharField(_("campaign"), max_length=20, blank=True)
    channel = models.CharField(_("channel"), max_length=100, blank=True)
    user = models.OneToOneField(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="volunteer", verbose_name=_("account")
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    last_active_at = models.DateTimeField(_("last active"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "email"], condition=~models.Q(email=""), name="volunteer_once_per_email"
            ),
            models.CheckConstraint(condition=models.Q(max_km__lte=500), name="volunteer_max_km"),
        ]

    def __str__(self) -> str:
        return self.name or _("volunteer %(number)d") % {"number": self.pk}

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class Commitment(models.Model):
    """A volunteer's wish to take part in an opportunity, and the organisation's answer."""

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("volunteer")
    )
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("opportunity")
    )
    status = models.CharField(_("status"), max_length=16, choices=CommitmentStatus, default=CommitmentStatus.APPLIED)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["opportunity", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "opportunity"], name="commitment_once_per_opportunity")
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} · {self.opportunity}"


class ShiftBooking(models.Model):
    """A volunteer's place on a shift: confirmed (it counts against the shift's places) or cancelled."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("shift"))
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("volunteer")
    )
    status = models.CharField(_("status"), max_length=16, choices=BookingStatus, default=BookingStatus.CONFIRMED)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("shift booking")
        verbose_name_plural = _("shift bookings")
        ordering = ["shift", "pk"]
        constraints = [models.UniqueConstraint(fields=["shift", "volunteer"], name="booking_once_per_shift")]

    def __str__(self) -> str:
        return f"{self.volunteer} · {self.shift}"


class HoursEntry(models.Model):
    """Time a volunteer gave, as they logged it, and the organisation's approval (or correction)."""

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="hours", verbose_name=_("volunteer")
    )
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="hours", verbose_name=_("opportunity")
    )
    shift = models.ForeignKey(
        Shift, on_delete=models.SET_NULL, null=True, blank=True, related_name="hours", verbose_name=_("shift")
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    minutes = models.PositiveIntegerField(_("minutes logged"))
    approved_minutes = models.PositiveIntegerField(_("minutes approved"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=HoursStatus, default=HoursStatus.LOGGED)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # Why the organisation approved other minutes than the volunteer logged (needed for more than logged).
    decision_note = models.CharField(_("note on the decision"), max_length=500, blank=True)
    logged_at = models.DateTimeField(_("logged"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )

    class Meta:
        verbose_name = _("hours")
        verbose_name_plural = _("hours")
        ordering = ["volunteer", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="hours_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} · {self.starts_at:%Y-%m-%d} · {self.minutes} min"


class TrainingSession(models.Model):
    """A session of the programme's training for volunteers and operators ("attività formative")."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="training_sessions", verbose_name=_("programme")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="training_sessions", verbose_name=_("given by")
    )
    original_language = models.CharField(_("original language"), max_length=8)
    title = models.JSONField(_("title"))
    syllabus = models.JSONField(_("syllabus"), default=dict, help_text=_("Markdown."))
    audience = models.CharField(_("for"), max_length=16, choices=TrainingAudience, default=TrainingAudience.EVERYONE)
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="training_sessions",
        verbose_name=_("theme"),
    )  # fmt: skip
    practices = models.ManyToManyField(
        "knowledge.Practice", blank=True, related_name="training_sessions", verbose_name=_("good practices")
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    places = models.PositiveSmallIntegerField(_("places"))
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="training_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(places__gte=1, places__lte=MAX_PLACES), name="training_places"),
        ]

    def __str__(self) -> str:
        return pick(self.title, self.original_language)


class TrainingSeat(models.Model):
    """A place in a training session, taken by a volunteer or by a person with an account (staff, operators), and
    whether they attended (unknown until the session's organiser records it)."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="seats", verbose_name=_("session")
    )
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, null=True, blank=True, related_name="training_seats",
        verbose_name=_("volunteer"),
    )  # fmt: skip
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="training_seats", verbose_name=_("account")
    )
    taken_at = models.DateTimeField(_("registered"), auto_now_add=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("training place")
        verbose_name_plural = _("training places")
        ordering = ["session", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(volunteer__isnull=True) ^ models.Q(user__isnull=True), name="seat_one_person"
            ),
            models.UniqueConstraint(fields=["session", "volunteer"], name="seat_once_per_volunteer"),
            models.UniqueConstraint(fields=["session", "user"], name="seat_once_per_account"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer or self.user} · {self.session}"


class Postcode(models.Model):
    """Where a postal code is, as the city staff enter it (the admin, or `values load_postcodes FILE`): the
    distance filter understands the codes of the countries of a programme's partner cities."""

    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2, such as IT."))
    code = models.CharField(_("postcode"), max_length=12, help_text=_("Kept in capitals and without spaces."))
    label = models.CharField(_("place"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["country", "code"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="postcode_unique_in_country"),
            models.CheckConstraint(condition=models.Q(latitude__gte=-90, latitude__lte=90), name="postcode_latitude"),
            models.CheckConstraint(
                condition=models.Q(longitude__gte=-180, longitude__lte=180), name="postcode_longitude"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.code}"
