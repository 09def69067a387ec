from django.urls import path, re_path

from values.amendments import views

urlpatterns = [
    path("amendments/", views.amendment_list, name="amendments"),
    path("amendments/new/", views.amendment_new, name="amendment_new"),
    path("amendments/<int:number>/", views.amendment_detail, name="amendment"),
    re_path(
        r"^amendments/(?P<number>[0-9]{1,9})/(?P<side>before|after)\.yaml$", views.amendment_file, name="amendment_file"
    ),
]
