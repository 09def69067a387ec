from django.contrib import admin

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
from values.programme.services import membership_label


class ThemeInline(ViewOnlyTabularInline):
    model = Theme
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(ViewOnlyAdmin):
    list_display = ["code", "acronym", "fund", "start", "duration_months", "total_cost"]
    inlines = [ThemeInline]


class InterestInline(ViewOnlyTabularInline):
    model = ThemeInterest
    extra = 0


@admin.register(Partner)
class PartnerAdmin(ViewOnlyAdmin):
    list_display = ["organisation", "programme", "role"]
    list_filter = ["programme", "role"]
    autocomplete_fields = ["organisation"]
    inlines = [InterestInline]


class CommunityMemberInline(ViewOnlyTabularInline):
    model = CommunityMember
    extra = 0


@admin.register(Community)
class CommunityAdmin(ViewOnlyAdmin):
    list_display = ["key", "programme", "theme", "language"]
    list_filter = ["programme", "theme"]
    inlines = [CommunityMemberInline]


class BudgetLineInline(ViewOnlyTabularInline):
    model = BudgetLine
    extra = 0


@admin.register(PartnerBudget)
class PartnerBudgetAdmin(ViewOnlyAdmin):
    list_display = ["partner", "total", "eu_contribution", "cofinancing", "stated_eu_rate", "indirect_rate"]
    inlines = [BudgetLineInline]


# -- roles: the admin is where they are given, and every change goes into the audit log ----------------------
class MembershipInline(admin.TabularInline):
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
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationWithRolesAdmin(AuditsMembershipsMixin, OrganisationAdmin):
    inlines = [*OrganisationAdmin.inlines, MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
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
