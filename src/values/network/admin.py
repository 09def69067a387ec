from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from values.network.enums import AuditAction
from values.network.models import AuditEntry, City, Organisation, Person, User
from values.network.services import record_audit


@admin.register(User)
class ValuesUserAdmin(UserAdmin):
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
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["key", "__str__", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["key", "name"]
    inlines = [CityInline, PersonInline]


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
