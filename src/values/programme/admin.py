from django.contrib import admin
from django.db.models import Q

from values.core.admin import ViewOnlyAdmin, ViewOnlyTabularInline
from values.network.admin import OrganisationAdmin, ValuesUserAdmin
from values.network.enums import AuditAction
from values.network.models import Organisation, User
from values.network.services import record_audit
from values.programme.models import (
    BudgetLine,
    Community,
    CommunityMember,
    Membership,
    Partner,
    PartnerBudget,
    Programme,
    Theme,
    ThemeInterest,
)
from values.programme.permissions import coordinated_programmes
from values.programme.services import membership_label


class CoordinatedProgrammesOnly:
    """The admin shows a coordinator the rows of the programmes they coordinate, and no other's
    (`programme_path`: the lookup from the model to its programme; a superuser sees everything)."""

    programme_path = "programme"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.programme_path}__in": coordinated_programmes(request.user)})


class ThemeInline(ViewOnlyTabularInline):
    model = Theme
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "pk"

    list_display = ["code", "acronym", "fund", "start", "duration_months", "total_cost"]
    inlines = [ThemeInline]


class InterestInline(ViewOnlyTabularInline):
    model = ThemeInterest
    extra = 0


@admin.register(Partner)
class PartnerAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "programme"
    list_display = ["organisation", "programme", "role"]
    list_filter = ["programme", "role"]
    autocomplete_fields = ["organisation"]
    inlines = [InterestInline]


class CommunityMemberInline(ViewOnlyTabularInline):
    model = CommunityMember
    extra = 0


@admin.register(Community)
class CommunityAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "programme"
    list_display = ["key", "programme", "theme", "language"]
    list_filter = ["programme", "theme"]
    inlines = [CommunityMemberInline]


class BudgetLineInline(ViewOnlyTabularInline):
    model = BudgetLine
    extra = 0


@admin.register(PartnerBudget)
class PartnerBudgetAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "partner__programme"
    list_display = ["partner", "total", "eu_contribution", "cofinancing", "stated_eu_rate", "indirect_rate"]
    inlines = [BudgetLineInline]


# -- roles: the admin is where they are given, and every change goes into the audit log ----------------------
class RolesOfCoordinatedProgrammes(CoordinatedProgrammesOnly):
    """A coordinator sees and gives roles in the programmes they coordinate, never in another (which would make them
    its coordinator); a role in every programme (none named) is the superuser's to give."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "programme" and not request.user.is_superuser:
            kwargs["queryset"] = coordinated_programmes(request.user)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MembershipInline(RolesOfCoordinatedProgrammes, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


class AuditsMembershipsMixin:
    """Roles granted or revoked through the admin's inline rows go into the audit log too."""

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        related = ("user", "organisation", "programme")
        before = {m.pk: membership_label(m) for m in formset.queryset.select_related(*related)}
        super().save_formset(request, form, formset, change)
        after = {m.pk: membership_label(m) for m in formset.queryset.select_related(*related)}
        for pk, label in before.items():
            if after.get(pk) != label:
                record_audit(AuditAction.ROLE_REVOKED, by=request.user, target=label)
        for pk, label in after.items():
            if before.get(pk) != label:
                record_audit(AuditAction.ROLE_GRANTED, by=request.user, target=label)
        return None


# Accounts and organisations are network's; their roles are programme's, so programme adds them to their pages.
admin.site.unregister(User)
admin.site.unregister(Organisation)


@admin.register(User)
class UserWithRolesAdmin(AuditsMembershipsMixin, ValuesUserAdmin):
    """A coordinator manages the people of their programmes and accounts that have no role yet."""

    inlines = [MembershipInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        theirs = Q(memberships__programme__in=coordinated_programmes(request.user))
        return queryset.filter(theirs | Q(memberships__isnull=True) | Q(pk=request.user.pk)).distinct()


@admin.register(Organisation)
class OrganisationWithRolesAdmin(AuditsMembershipsMixin, OrganisationAdmin):
    """A coordinator manages their programmes' partners and organisations in no programme yet."""

    inlines = [*OrganisationAdmin.inlines, MembershipInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        theirs = Q(partnerships__programme__in=coordinated_programmes(request.user))
        return queryset.filter(theirs | Q(partnerships__isnull=True)).distinct()


@admin.register(Membership)
class MembershipAdmin(RolesOfCoordinatedProgrammes, admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "programme"]
    list_filter = ["role", "programme"]
    autocomplete_fields = ["user", "organisation"]

    def save_model(self, request, obj, form, change):
        if change:
            previous = Membership.objects.select_related("user", "organisation", "programme").get(pk=obj.pk)
            record_audit(AuditAction.ROLE_REVOKED, by=request.user, target=membership_label(previous))
        super().save_model(request, obj, form, change)
        record_audit(AuditAction.ROLE_GRANTED, by=request.user, target=membership_label(obj))

    def delete_model(self, request, obj):
        label = membership_label(obj)
        super().delete_model(request, obj)
        record_audit(AuditAction.ROLE_REVOKED, by=request.user, target=label)

    def delete_queryset(self, request, queryset):
        labels = [membership_label(m) for m in queryset.select_related("user", "organisation", "programme")]
        super().delete_queryset(request, queryset)
        for label in labels:
            record_audit(AuditAction.ROLE_REVOKED, by=request.user, target=label)
