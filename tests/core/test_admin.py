"""The admin shows every model of ours; only accounts and memberships are changed there."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from values.network.models import Organisation, User
from values.programme.models import Membership
from values.volunteering.models import Postcode

pytestmark = pytest.mark.django_db

# The admin is where accounts and memberships are managed; it writes their changes to the audit log. Postcodes are
# reference data the city staff keep there (no rule behind them but the admin form's own checks).
WRITTEN_IN_THE_ADMIN = {User, Organisation, Membership, Postcode}


def test_every_other_model_of_ours_is_view_only_in_the_admin_inlines_included(coordinator):
    request = RequestFactory().get("/en/admin/")
    request.user = User.objects.create_superuser("root", "root@example.org", "x")
    ours = {m: a for m, a in admin.site._registry.items() if m.__module__.startswith("values.")}

    writable = []
    for model, model_admin in ours.items():
        if model in WRITTEN_IN_THE_ADMIN:
            continue
        admins = [model_admin, *model_admin.get_inline_instances(request)]
        for each in admins:
            rights = (
                each.has_add_permission(request, None) if each is not model_admin else each.has_add_permission(request),
                each.has_change_permission(request),
                each.has_delete_permission(request),
            )
            if any(rights):
                writable.append(f"{model.__name__}: {type(each).__name__}")

    assert len(ours) > 20
    assert writable == []
