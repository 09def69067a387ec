import calendar
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from values.core.money import DEFAULT_INDIRECT_RATE
from values.core.text import pick
from values.network.enums import Role
from values.network.models import Organisation, User
from values.programme.enums import DIRECT_CATEGORIES, PartnerRole


def default_score_scale() -> list[int]:
    return [0, 5]


def validate_score_scale(value: object) -> None:
    """Two whole levels from 0 to 100, the lowest first: the bounds the programme file keeps."""
    levels = value if isinstance(value, list) and len(value) == 2 else []
    whole = all(isinstance(level, int) and not isinstance(level, bool) and 0 <= level <= 100 for level in levels)
    if not (levels and whole and levels[0] < levels[1]):
        raise ValidationError(_("Give two whole numbers from 0 to 100, the lowest level first, like [1, 4]."))


class Programme(models.Model):
    """A funded peer-learning programme, identified by the funder's code."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    acronym = models.CharField(_("acronym"), max_length=64)
    title = models.JSONField(_("title"))
    fund = models.CharField(_("fund"), max_length=64, blank=True)
    start = models.DateField(_("start"), help_text=_("The first day of the start month."))
    duration_months = models.PositiveIntegerField(_("duration in months"), validators=[MinValueValidator(1)])
    total_cost = models.DecimalField(_("total cost"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    objective = models.JSONField(_("objective"), blank=True, default=str)
    summary = models.JSONField(_("summary"), blank=True, default=str)
    activities = models.JSONField(_("activities"), blank=True, default=list)
    expected_results = models.JSONField(_("expected results"), blank=True, default=list)
    languages = models.JSONField(_("languages"), default=list)
    # The bounds of the programme file: the planner pairs communities of at most 12, and an
    # activity fits in its week.
    community_size = models.PositiveIntegerField(
        _("community size"), default=4, validators=[MinValueValidator(2), MaxValueValidator(12)]
    )
    visit_days = models.PositiveIntegerField(
        _("visit days"), default=2, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    exchange_days = models.PositiveIntegerField(
        _("exchange days"), default=5, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    blackout = models.JSONField(_("blackout periods"), default=list, blank=True)
    country_weight = models.PositiveSmallIntegerField(
        _("country weight"),
        default=3,
        validators=[MaxValueValidator(100)],
        help_text=_("Points of the plan's objective lost for each extra city of one country in a community."),
    )
    score_scale = models.JSONField(
        _("score scale"),
        default=default_score_scale,
        validators=[validate_score_scale],
        help_text=_("The benchmark levels that count as the lowest and the highest interest (0 and 5)."),
    )
    preparation_months = models.PositiveSmallIntegerField(
        _("preparation months"),
        default=0,
        validators=[MaxValueValidator(600)],
        help_text=_("Months at the start left to kick-off and needs analysis: no visit or exchange before them."),
    )
    targets = models.JSONField(
        _("monitoring targets"),
        default=dict,
        blank=True,
        help_text=_("The indicators' targets by the programme's end (the programme file's monitoring.targets)."),
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.acronym

    @property
    def end(self) -> date:
        """The last day of the programme's last month."""
        months = self.start.month - 1 + self.duration_months - 1
        year, month = self.start.year + months // 12, months % 12 + 1
        return date(year, month, calendar.monthrange(year, month)[1])

    @property
    def opening(self) -> date:
        """The first day on which a visit or an exchange may start: the first of the month after the
        preparation months (the programme's start when there are none)."""
        months = self.start.month - 1 + self.preparation_months
        return date(self.start.year + months // 12, months % 12 + 1, 1)


class Theme(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="themes", verbose_name=_("programme")
    )
    key = models.CharField(_("id"), max_length=64)
    title = models.JSONField(_("title"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["programme", "position"]
        constraints = [models.UniqueConstraint(fields=["programme", "key"], name="theme_unique_key")]

    def __str__(self) -> str:
        return pick(self.title)


class Partner(models.Model):
    """An organisation's place in a programme's partnership."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="partners", verbose_name=_("programme")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partnerships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=16, choices=PartnerRole)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "organisation"], name="partner_unique_organisation"),
            models.UniqueConstraint(
                fields=["programme"], condition=models.Q(role="coordinator"), name="programme_one_coordinator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.programme})"


class PartnerBudget(models.Model):
    """A partner's budget as the grant agreement states it; the amounts are the record."""

    partner = models.OneToOneField(Partner, on_delete=models.CASCADE, related_name="budget", verbose_name=_("partner"))
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    eu_contribution = models.DecimalField(
        _("EU contribution"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    cofinancing = models.DecimalField(
        _("co-financing"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    stated_eu_rate = models.DecimalField(
        _("stated EU rate"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("The EU share as a document states it; checked against the amounts."),
    )
    indirect_rate = models.DecimalField(
        _("indirect cost rate"), max_digits=5, decimal_places=4, default=DEFAULT_INDIRECT_RATE,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Indirect costs as a flat rate of the direct costs."),
    )  # fmt: skip

    class Meta:
        db_table = "finance_partnerbudget"  # made by finance, which kept budgets before programme did
        verbose_name = _("partner budget")
        verbose_name_plural = _("partner budgets")

    def __str__(self) -> str:
        return f"{self.partner}: {self.total}"


class BudgetLine(models.Model):
    """A partner's planned direct costs in one category; indirect costs follow from them by the flat rate."""

    budget = models.ForeignKey(PartnerBudget, on_delete=models.CASCADE, related_name="lines", verbose_name=_("budget"))
    category = models.CharField(_("category"), max_length=16, choices=[(c.value, c.label) for c in DIRECT_CATEGORIES])
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        db_table = "finance_budgetline"
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [models.UniqueConstraint(fields=["budget", "category"], name="budget_line_unique_category")]

    def __str__(self) -> str:
        return f"{self.budget.partner}: {self.get_category_display()} {self.amount}"


class ThemeInterest(models.Model):
    """A partner's interest in a theme, 0..5, from the needs analysis."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="interests", verbose_name=_("partner"))
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="interests", verbose_name=_("theme"))
    score = models.PositiveSmallIntegerField(_("interest"), validators=[MaxValueValidator(5)])

    class Meta:
        verbose_name = _("theme interest")
        verbose_name_plural = _("theme interests")
        constraints = [models.UniqueConstraint(fields=["partner", "theme"], name="interest_unique_theme")]

    def __str__(self) -> str:
        return f"{self.partner.organisation.key} · {self.theme.key}: {self.score}"


class Community(models.Model):
    """A community of practice: cities working on one theme together (from an accepted plan)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="communities", verbose_name=_("programme")
    )
    key = models.CharField(_("id"), max_length=16)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="communities", verbose_name=_("theme"))
    language = models.CharField(_("working language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("community of practice")
        verbose_name_plural = _("communities of practice")
        ordering = ["programme", "key"]
        constraints = [models.UniqueConstraint(fields=["programme", "key"], name="community_unique_key")]

    def __str__(self) -> str:
        return self.key


class CommunityMember(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="members", verbose_name=_("community")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="community_memberships", verbose_name=_("city")
    )
    # The planner's explanation, language-neutral: {"text": English template, "params": {...}} (planning.explanations
    # puts it into the reader's language); a plain string when stored before explanations were translatable.
    why = models.JSONField(_("why"), blank=True, default=str)

    class Meta:
        verbose_name = _("community member")
        verbose_name_plural = _("community members")
        constraints = [models.UniqueConstraint(fields=["community", "organisation"], name="community_member_unique")]

    def __str__(self) -> str:
        return f"{self.community} · {self.organisation}"


class ExchangePair(models.Model):
    """Two cities (three when the community is odd) that exchange staff and volunteer leaders."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="pairs", verbose_name=_("community")
    )
    cities = models.ManyToManyField(Organisation, related_name="exchange_pairs", verbose_name=_("cities"))
    complementarity = models.FloatField(_("complementarity"), default=0)
    why = models.JSONField(_("why"), blank=True, default=list)  # the planner's explanations, as CommunityMember.why

    class Meta:
        verbose_name = _("exchange pair")
        verbose_name_plural = _("exchange pairs")

    def __str__(self) -> str:
        return f"{self.community} pair {self.pk}"


class Membership(models.Model):
    """A person's role for an organisation in one programme, or in every programme when it names none.

    What a person may do in a programme follows from their memberships in it (`permissions.py`): a coordinator
    of one programme is city staff in two others only if memberships say so.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("programme"),
        help_text=_("Empty: the role holds in every programme of the site."),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role)

    class Meta:
        db_table = "network_membership"  # made by network, which held memberships before roles had a programme
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "programme", "role"],
                condition=models.Q(programme__isnull=False),
                name="membership_unique_programme_role",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=models.Q(programme__isnull=True),
                name="membership_unique_everywhere_role",
            ),
        ]

    def __str__(self) -> str:
        where = self.programme.acronym if self.programme_id else _("every programme")
        return f"{self.user} · {self.organisation} · {self.get_role_display()} · {where}"
