from django.urls import re_path

from values.publishing import views

urlpatterns = [
    re_path(r"^infographics/$", views.infographics, name="infographics"),
    re_path(r"^infographics/(?P<key>[-a-z]+)\.(?P<file_format>svg|png)$", views.infographic, name="infographic"),
    re_path(r"^partners/(?P<key>[-\w]+)/factsheet\.(?P<file_format>pdf|html)$", views.factsheet, name="factsheet"),
]
