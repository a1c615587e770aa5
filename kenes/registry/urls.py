from django.urls import path

from kenes.registry import views

app_name = "registry"
urlpatterns = [
    path("regions/", views.region_list, name="region-list"),
    path("regions/<str:kato>/", views.region_detail, name="region-detail"),
    path("maslikhats/<int:pk>/", views.maslikhat_detail, name="maslikhat-detail"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization-detail"),
]
