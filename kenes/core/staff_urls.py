"""The audit log of every staff change, mounted at /<lang>/staff/audit/."""

from django.urls import path

from kenes.core import views

app_name = "core-staff"
urlpatterns = [
    path("", views.audit_log, name="audit-log"),
]
