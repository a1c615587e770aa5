"""The staff workspace of the council, mounted at /<lang>/staff/councils/."""

from django.urls import path

from kenes.councils.staff_views import agenda, participation, record, sessions

app_name = "councils-staff"
urlpatterns = [
    path("", sessions.session_list, name="session-list"),
    path("sessions/new/", sessions.session_create, name="session-create"),
    path("sessions/<int:pk>/", sessions.session_edit, name="session-edit"),
    path(
        "sessions/<int:pk>/announce/", sessions.session_transition, {"transition": "announce"}, name="session-announce"
    ),
    path("sessions/<int:pk>/hold/", sessions.session_transition, {"transition": "hold"}, name="session-mark-held"),
    path(
        "sessions/<int:pk>/publish/",
        sessions.session_transition,
        {"transition": "publish"},
        name="session-publish-minutes",
    ),
    path("sessions/<int:pk>/agenda/add/", agenda.agenda_add, name="agenda-add"),
    path("sessions/<int:pk>/participation/", participation.participation, name="participation"),
    path("sessions/<int:pk>/participation/add/", participation.participant_add, name="participant-add"),
    path("sessions/<int:pk>/record/", record.record, name="record"),
    path("sessions/<int:pk>/statements/add/", record.statement_add, name="statement-add"),
    path("sessions/<int:pk>/decisions/add/", record.decision_add, name="decision-add"),
    path("agenda/<int:pk>/", agenda.agenda_edit, name="agenda-edit"),
    path("agenda/<int:pk>/delete/", agenda.agenda_delete, name="agenda-delete"),
    path("agenda/<int:pk>/move/", agenda.agenda_move, name="agenda-move"),
    path("agenda/<int:pk>/main/", agenda.agenda_main, name="agenda-main"),
    path("agenda/<int:pk>/documents/add/", agenda.document_add, name="document-add"),
    path("documents/<int:pk>/delete/", agenda.document_delete, name="document-delete"),
    path("participation/<int:pk>/", participation.participant_update, name="participant-update"),
    path("participation/<int:pk>/remove/", participation.participant_remove, name="participant-remove"),
    path("statements/<int:pk>/delete/", record.statement_delete, name="statement-delete"),
    path("decisions/<int:pk>/delete/", record.decision_delete, name="decision-delete"),
]
