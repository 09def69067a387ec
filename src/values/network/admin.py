from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from values.network.enums import AuditAction
from values.network.models import AuditEntry, City, Membership, Organisation, Person, User
from values.network.services import membership_label, record_audit


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


class AuditsMembershipsMixin:
    """Roles granted or revoked through the admin's inline rows go into the audit log too."""

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        before = {m.pk: membership_label(m) for m in formset.queryset.select_related("user", "organisation")}
        super().save_formset(request, form, formset, change)
        after = {m.pk: membership_label(m) for m in formset.queryset.select_related("user", "organisation")}
        for pk, label in before.items():
            if after.get(pk) != label:
                record_audit(AuditAction.ROLE_REVOKED, by=request.user, target=label)
        for pk, label in after.items():
            if before.get(pk) != label:
                record_audit(AuditAction.ROLE_GRANTED, by=request.user, target=label)
        return None


@admin.register(User)
class ValuesUserAdmin(AuditsMembershipsMixin, UserAdmin):
    inlines = [MembershipInline]
    # Only a superuser grants superuser status or raw permissions; coordinators manage people.
    PRIVILEGE_FIELDS = ("is_superuser", "groups", "user_permissions")

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return readonly
        return (*readonly, *self.PRIVILEGE_FIELDS)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = sorted(
            set(form.changed_data) & {"is_staff", "is_superuser", "is_active", "groups", "user_permissions"}
        )
        if change and changed:
            record_audit(
                AuditAction.PRIVILEGES_CHANGED, by=request.user, target=obj.get_username(), detail={"fields": changed}
            )


class CityInline(admin.StackedInline):
    model = City
    extra = 0


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditsMembershipsMixin, admin.ModelAdmin):
    list_display = ["key", "__str__", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["key", "name"]
    inlines = [CityInline, PersonInline, MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "organisation"]

    def save_model(self, request, obj, form, change):
        if change:
            previous = Membership.objects.select_related("user", "organisation").get(pk=obj.pk)
            record_audit(AuditAction.ROLE_REVOKED, by=request.user, target=membership_label(previous))
        super().save_model(request, obj, form, change)
        record_audit(AuditAction.ROLE_GRANTED, by=request.user, target=membership_label(obj))

    def delete_model(self, request, obj):
        label = membership_label(obj)
        super().delete_model(request, obj)
        record_audit(AuditAction.ROLE_REVOKED, by=request.user, target=label)

    def delete_queryset(self, request, queryset):
        labels = [membership_label(m) for m in queryset.select_related("user", "organisation")]
        super().delete_queryset(request, queryset)
        for label in labels:
            record_audit(AuditAction.ROLE_REVOKED, by=request.user, target=label)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read only: the log is written by the platform, never edited."""

    list_display = ["at", "actor_name", "action", "target", "address"]
    list_filter = ["action"]
    search_fields = ["actor_name", "target"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
