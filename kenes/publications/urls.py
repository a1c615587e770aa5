from django.urls import path

from kenes.publications.feeds import ChangesFeed

app_name = "publications"
urlpatterns = [
    path("feeds/changes.atom", ChangesFeed(), name="changes-feed"),
]
