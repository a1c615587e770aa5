from django.urls import path

from kenes.outreach import staff_views as v

app_name = "outreach-staff"
urlpatterns = [
    path("", v.home, name="home"),
    path("meetings/new/", v.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", v.meeting, name="meeting"),
    path("meetings/<int:pk>/held/", v.meeting_hold, name="meeting-hold"),
    path("meetings/<int:pk>/cancel/", v.meeting_cancel, name="meeting-cancel"),
    path("meetings/<int:pk>/questions/add/", v.question_add, name="question-add"),
    path("questions/<int:pk>/", v.question_edit, name="question-edit"),
    path("questions/<int:pk>/delete/", v.question_delete, name="question-delete"),
    path("questions/<int:pk>/to-mandate/", v.question_to_mandate, name="question-to-mandate"),
    path("questions/<int:pk>/to-appeal/", v.question_to_appeal, name="question-to-appeal"),
    path("mandates/new/", v.mandate_create, name="mandate-create"),
    path("mandates/<int:pk>/", v.mandate, name="mandate"),
    path("mandates/<int:pk>/status/", v.mandate_transition, name="mandate-transition"),
]
