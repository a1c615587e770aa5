from django.urls import path

from kenes.channel import views

app_name = "channel"
urlpatterns = [
    path("channel/", views.channel_home, name="home"),
    path("channel/items/<int:pk>/", views.item_detail, name="item-detail"),
]
