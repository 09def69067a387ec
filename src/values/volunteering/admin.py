from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from values.core.admin import ViewOnlyAdmin
from values.network.codes import country_code
from values.programme.admin import CoordinatedProgrammesOnly
from values.volunteering.models import Opportunity, Postcode, Shift
from values.volunteering.places import normalised_code


@admin.register(Opportunity)
class OpportunityAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "programme"
    list_display = ["__str__", "organisation", "city", "kind", "status", "start_date"]
    list_filter = ["programme", "status", "kind"]


@admin.register(Shift)
class ShiftAdmin(CoordinatedProgrammesOnly, ViewOnlyAdmin):
    programme_path = "opportunity__programme"
    list_display = ["opportunity", "starts_at", "ends_at", "places"]


# Postcodes (issue #15, finding them: places): reference data the city staff keep here, no workflow behind it.
class PostcodeForm(forms.ModelForm):
    class Meta:
        model = Postcode
        fields = ["country", "code", "label", "latitude", "longitude"]

    def clean_country(self) -> str:
        country = country_code(self.cleaned_data["country"])
        if country is None:
            raise forms.ValidationError(_("An ISO 3166-1 alpha-2 code, such as IT."))
        return country

    def clean(self) -> dict:
        data = super().clean()
        if data.get("code"):
            data["code"] = normalised_code(data["code"], data.get("country") or "")
        return data


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    form = PostcodeForm
    list_display = ["country", "code", "label", "latitude", "longitude"]
    list_filter = ["country"]
    search_fields = ["code", "label"]
