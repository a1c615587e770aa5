from django.urls import path

from kenes.councils import views

app_name = "councils"
urlpatterns = [
    path("council/", views.council_detail, name="council-detail"),
    path("sessions/", views.session_list, name="session-list"),
    path("sessions/<int:pk>/", views.session_detail, name="session-detail"),
    path("sessions/<int:pk>/minutes/", views.session_minutes, name="session-minutes"),
    path("sessions/<int:pk>/minutes.pdf", views.session_minutes_pdf, name="session-minutes-pdf"),
]
