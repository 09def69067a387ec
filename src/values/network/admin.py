from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from values.network.models import City, Membership, Organisation, Person, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class ValuesUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    # Only a superuser grants superuser status or raw permissions; coordinators manage people.
    PRIVILEGE_FIELDS = ("is_superuser", "groups", "user_permissions")

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return readonly
        return (*readonly, *self.PRIVILEGE_FIELDS)


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
    inlines = [CityInline, PersonInline, MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "organisation"]
