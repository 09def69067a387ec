from django.urls import path

from values.programme import views

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start_page, name="start"),
    path("partners/", views.partner_list, name="partners"),
    path("partners/<slug:key>/", views.partner_page, name="partner"),
    path("partners/<slug:key>/edit/", views.partner_edit, name="partner_edit"),
]
