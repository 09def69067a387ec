from django.urls import path, re_path

from values.core.languages import newcomer_page
from values.publishing import campaign_views, translation_views, views

urlpatterns = [
    re_path(r"^infographics/$", views.infographics, name="infographics"),
    re_path(r"^infographics/(?P<key>[-a-z]+)\.(?P<file_format>svg|png)$", views.infographic, name="infographic"),
    re_path(r"^partners/(?P<key>[-\w]+)/factsheet\.(?P<file_format>pdf|html)$", views.factsheet, name="factsheet"),
    path("portal/", newcomer_page(views.portal), name="portal"),
    path("toolkits/", views.toolkits, name="toolkits"),
    path("toolkits/<slug:key>/", views.toolkit, name="toolkit"),
    path("toolkits/<slug:key>/build/", views.toolkit_build, name="toolkit_build"),
    re_path(r"^toolkits/(?P<key>[-\w]+)\.pdf$", views.toolkit_pdf_file, name="toolkit_pdf"),
    path("campaign/", newcomer_page(campaign_views.campaign_current), name="campaign_current"),
    path("campaign/<slug:key>/", newcomer_page(campaign_views.campaign_page), name="campaign"),
    path("campaign/<slug:key>/kits/<int:asset_id>/", newcomer_page(campaign_views.campaign_kit), name="campaign_kit"),
    path("campaigns/", campaign_views.campaigns, name="campaigns"),
    path("campaigns/<slug:key>/plan/", campaign_views.campaign_plan, name="campaign_plan"),
    path("campaigns/<slug:key>/plan/<slug:part>/", campaign_views.campaign_plan, name="campaign_plan_part"),
    path(
        "campaigns/<slug:key>/plan/<slug:part>/<int:item_id>/remove/",
        campaign_views.campaign_plan_remove,
        name="campaign_plan_remove",
    ),
    path("campaigns/<slug:key>/reach/", campaign_views.campaign_reach, name="campaign_reach"),
    path("translations/", translation_views.translations, name="translations"),
    path(
        "translations/<slug:kind>/<int:item_id>/<slug:language>/",
        translation_views.translation,
        name="translation",
    ),
]
