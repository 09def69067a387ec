from django.urls import path

from values.monitoring import views

urlpatterns = [
    path("monitoring/", views.dashboard, name="monitoring"),
    path("monitoring.csv", views.dashboard_csv, name="monitoring_csv"),
]
