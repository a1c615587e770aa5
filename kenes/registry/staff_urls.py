"""The maslikhat workspace, mounted at /<lang>/staff/registry/."""

from django.urls import path

from kenes.registry import staff_views as views

app_name = "registry-staff"
urlpatterns = [
    path("", views.my_maslikhat, name="my-maslikhat"),
    path("maslikhats/", views.maslikhat_list, name="maslikhat-list"),
    path("maslikhats/<int:pk>/", views.maslikhat_edit, name="maslikhat-edit"),
    path("maslikhats/<int:pk>/members/add/", views.membership_add, name="membership-add"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership-end"),
]
