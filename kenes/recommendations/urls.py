from django.urls import path

from kenes.recommendations import views

app_name = "recommendations"
urlpatterns = [
    path("recommendations/", views.package_list, name="package-list"),
    path("recommendations/packages/<int:pk>/", views.package_detail, name="package-detail"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation-detail"),
]
