"""The staff workspace of the council, mounted at /<lang>/staff/."""

from django.urls import path

from kenes.core import views as core_views
from kenes.councils import staff_views as views

app_name = "councils-staff"
urlpatterns = [
    path("", views.session_list, name="session-list"),
    path("sessions/new/", views.session_create, name="session-create"),
    path("sessions/<int:pk>/", views.session_edit, name="session-edit"),
    path("sessions/<int:pk>/announce/", views.session_transition, {"transition": "announce"}, name="session-announce"),
    path("sessions/<int:pk>/hold/", views.session_transition, {"transition": "hold"}, name="session-mark-held"),
    path(
        "sessions/<int:pk>/publish/",
        views.session_transition,
        {"transition": "publish"},
        name="session-publish-minutes",
    ),
    path("sessions/<int:pk>/agenda/add/", views.agenda_add, name="agenda-add"),
    path("sessions/<int:pk>/participation/", views.participation, name="participation"),
    path("sessions/<int:pk>/participation/add/", views.participant_add, name="participant-add"),
    path("sessions/<int:pk>/record/", views.record, name="record"),
    path("sessions/<int:pk>/statements/add/", views.statement_add, name="statement-add"),
    path("sessions/<int:pk>/decisions/add/", views.decision_add, name="decision-add"),
    path("agenda/<int:pk>/", views.agenda_edit, name="agenda-edit"),
    path("agenda/<int:pk>/delete/", views.agenda_delete, name="agenda-delete"),
    path("agenda/<int:pk>/move/", views.agenda_move, name="agenda-move"),
    path("agenda/<int:pk>/main/", views.agenda_main, name="agenda-main"),
    path("agenda/<int:pk>/documents/add/", views.document_add, name="document-add"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document-delete"),
    path("participation/<int:pk>/", views.participant_update, name="participant-update"),
    path("participation/<int:pk>/remove/", views.participant_remove, name="participant-remove"),
    path("statements/<int:pk>/delete/", views.statement_delete, name="statement-delete"),
    path("decisions/<int:pk>/delete/", views.decision_delete, name="decision-delete"),
    path("audit/", core_views.audit_log, name="audit-log"),
]
