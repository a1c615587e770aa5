"""The channel workspace, mounted at /<lang>/staff/channel/."""

from django.urls import path

from kenes.channel import staff_views as views

app_name = "channel-staff"
urlpatterns = [
    path("", views.index, name="index"),
    path("inbox/", views.inbox, name="inbox"),
    path("mine/", views.mine, name="mine"),
    path("items/new/", views.item_new, name="item-new"),
    path("items/<int:pk>/", views.item_detail, name="item-detail"),
    path("items/<int:pk>/assign/", views.item_assign, name="item-assign"),
    path("items/<int:pk>/answer/", views.item_answer, name="item-answer"),
    path("items/<int:pk>/convert/agenda/", views.item_convert_agenda, name="item-convert-agenda"),
    path("items/<int:pk>/convert/plan/", views.item_convert_plan, name="item-convert-plan"),
    path(
        "items/<int:pk>/convert/recommendation/",
        views.item_convert_recommendation,
        name="item-convert-recommendation",
    ),
    path("items/<int:pk>/close/", views.item_close, name="item-close"),
    path("items/<int:pk>/publish/", views.item_publish, name="item-publish"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("requests/", views.request_list, name="request-list"),
    path("requests/new/", views.request_new, name="request-new"),
    path("requests/<int:pk>/", views.request_detail, name="request-detail"),
    path("requests/<int:pk>/respond/", views.request_respond, name="request-respond"),
    path("responses/<int:pk>/attachment/", views.response_attachment, name="response-attachment"),
]
