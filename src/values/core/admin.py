"""The admin shows the platform's data; changes go through the pages, whose services keep the rules.

A change made in the admin would skip them: a date outside the programme, an approved expense edited,
a calendar not told of a new date (its sequence), a draft's answers lost, no audit entry. Every model
admin of ours is therefore view-only, but for the accounts of `network` and the memberships of `programme`, which the
admin is the place to manage (and which it writes to the audit log).
"""

from django.contrib import admin


class ViewOnly:
    """Shown, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ViewOnlyAdmin(ViewOnly, admin.ModelAdmin):
    pass


class ViewOnlyTabularInline(ViewOnly, admin.TabularInline):
    extra = 0
