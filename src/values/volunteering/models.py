from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

from values.core.text import pick
from values.network.codes import country_time_zone
from values.network.models import Organisation, User
from values.programme.models import Programme, Theme
from values.volunteering.enums import OpportunityKind, OpportunityStatus

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
