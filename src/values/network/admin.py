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
