from zoneinfo import ZoneInfo

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from values.activities.enums import ActivityKind, FeedKind, Mode, ParticipantStatus, SessionKind
from values.knowledge.models import Practice
from values.network.codes import country_time_zone
from values.network.models import Organisation, User
from values.programme.models import Community, ExchangePair, Programme

# A city sends a delegation, not a crowd; the bound also keeps a typed number inside the database's integer.
MAX_PLACES = 100
# Minutes and outcomes are read on the activity's page and quoted in plans: long, but not without end.
MINUTES_MAX_CHARS = 20_000
OUTCOMES_MAX_CHARS = 10_000


def with_cities(cities) -> models.Q:
    """Activities the cities (organisations or their ids) take part in: as host, as a member of the
    visiting community, as guest. The one rule of who takes part; `permissions` builds on it."""
    return (
        models.Q(host__in=cities)
        | models.Q(visit__community__members__organisation__in=cities)
        | models.Q(exchange__guest__in=cities)
    )


# An online or hybrid activity without its video link is waiting for it: a bulk switch of mode (switching.py)
# cannot know the links, so the host gives each afterwards. The one rule, as a filter and on a row
# (`Activity.awaits_video_link`).
AWAITS_VIDEO_LINK = ~models.Q(mode=Mode.IN_PERSON) & models.Q(video_link="")


class ActivityQuerySet(models.QuerySet):
    def taken_part_in_by(self, cities) -> "ActivityQuerySet":
        """For the apps below this one (finance names an activity on an expense and cannot import it)."""
        return self.filter(with_cities(cities)).distinct()

    def awaiting_video_link(self) -> "ActivityQuerySet":
        return self.filter(AWAITS_VIDEO_LINK)


class Activity(models.Model):
    """What a mentoring visit and one direction of an exchange share: dates, place, agenda, people."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="scheduled_activities", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind, editable=False)
    host = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="hosted_activities", verbose_name=_("host")
    )
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    mode = models.CharField(_("mode"), max_length=16, choices=Mode, default=Mode.IN_PERSON)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), blank=True, help_text=_("Required when online or hybrid."))
    capacity = models.PositiveIntegerField(
        _("places per city"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES)],
        help_text=_("How many people each city may nominate."),
    )
    nomination_deadline = models.DateField(_("nomination deadline"), null=True, blank=True)
    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Raised at each change of dates or mode: calendars see it."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    minutes = models.TextField(_("minutes"), max_length=MINUTES_MAX_CHARS, blank=True)
    outcomes = models.TextField(
        _("outcomes"),
        max_length=OUTCOMES_MAX_CHARS,
        blank=True,
        help_text=_("What the host city takes into its action plan."),
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="activity_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.host} · {self.start}"

    @property
    def awaits_video_link(self) -> bool:
        """Online or hybrid without its link yet (AWAITS_VIDEO_LINK): the host city is asked for it."""
        return self.mode != Mode.IN_PERSON and not self.video_link

    @property
    def time_zone(self) -> ZoneInfo:
        """Sessions are planned in the host city's local time."""
        return ZoneInfo(country_time_zone(self.host.country))


class Visit(Activity):
    """A mentoring visit: a community of practice visits one of its cities."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="visits", verbose_name=_("community")
    )

    class Meta:
        verbose_name = _("mentoring visit")
        verbose_name_plural = _("mentoring visits")


class Exchange(Activity):
    """One direction of a pair's exchange: the host city receives the guest city's staff and volunteers."""

    pair = models.ForeignKey(ExchangePair, on_delete=models.CASCADE, related_name="exchanges", verbose_name=_("pair"))
    guest = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="guest_exchanges", verbose_name=_("guest")
    )

    class Meta:
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")


class Session(models.Model):
    """One item of an activity's agenda."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("activity")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=SessionKind)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    speakers = models.CharField(_("speakers"), max_length=500, blank=True)
    practice = models.ForeignKey(
        Practice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("good practice shown"),
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    """A person nominated by their city to take part; they confirm, and are marked present."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="participants", verbose_name=_("activity")
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="participations", verbose_name=_("person"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="participations", verbose_name=_("city")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ParticipantStatus, default=ParticipantStatus.NOMINATED
    )
    attended = models.BooleanField(_("present"), null=True, blank=True)
    nominated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("nominated by")
    )
    nominated_at = models.DateTimeField(_("nominated"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["organisation", "user__last_name", "user__username"]
        constraints = [models.UniqueConstraint(fields=["activity", "user"], name="participant_once_per_activity")]

    def __str__(self) -> str:
        return f"{self.user} · {self.activity}"


class CalendarFeed(models.Model):
    """A subscribable ICS feed behind a secret address; revoking it makes the address useless."""

    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=FeedKind)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+", verbose_name=_("programme"))
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="calendar_feeds", verbose_name=_("owner"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("city")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.owner}"
