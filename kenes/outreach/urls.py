from django.urls import path

from kenes.outreach import views

app_name = "outreach"
urlpatterns = [
    path("voters/meetings/", views.meeting_calendar, name="meeting-calendar"),
    path("voters/meetings.ics", views.meeting_calendar_ics, name="meeting-calendar-ics"),
    path("voters/meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("voters/meetings/<int:pk>.ics", views.meeting_ics, name="meeting-ics"),
    path("voters/mandates/", views.mandate_progress, name="mandate-progress"),
    path("voters/mandates/maslikhat/<int:pk>/", views.maslikhat_mandates, name="maslikhat-mandates"),
    path("voters/mandates/<int:pk>/", views.mandate_detail, name="mandate-detail"),
]
