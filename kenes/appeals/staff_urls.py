from django.urls import path

from kenes.appeals import staff_views

app_name = "appeals-staff"
urlpatterns = [
    path("", staff_views.queue, name="queue"),
    path("review/", staff_views.review, name="review"),
    path("<int:pk>/", staff_views.detail, name="detail"),
    path("<int:pk>/answer-file/", staff_views.answer_file, name="answer-file"),
    path("<int:pk>/<slug:name>/", staff_views.action, name="action"),
    path("attachments/<int:pk>/", staff_views.attachment, name="attachment"),
]
