from django.urls import path

from kenes.appeals import views

app_name = "appeals"
urlpatterns = [
    path("appeals/", views.start, name="start"),
    path("appeals/regions/<str:kato>/", views.region, name="region"),
    path("appeals/maslikhats/<int:pk>/", views.maslikhat, name="maslikhat"),
    path("appeals/maslikhats/<int:pk>/write/", views.write, name="write"),
    path("appeals/sent/", views.sent, name="sent"),
    path("appeals/track/", views.track, name="track"),
    path("appeals/track/<str:code>/rate/", views.rate, name="rate"),
    path("appeals/track/<str:code>/complaint/", views.complain, name="complain"),
]
