from django.urls import path

from kenes.insights import views

app_name = "insights"
urlpatterns = [
    path("insights/", views.dashboard, name="dashboard"),
    path("insights/methodology/", views.methodology, name="methodology"),
    path("insights/export.csv", views.export_csv, name="export-csv"),
    path("insights/regions/<str:kato>/", views.region, name="region"),
    path("insights/maslikhats/<int:pk>/", views.maslikhat, name="maslikhat"),
]
