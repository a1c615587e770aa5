"""Staff pages for recommendations, mounted at /<lang>/staff/recommendations/."""

from django.urls import path

from kenes.recommendations import staff_views

app_name = "recommendations-staff"
urlpatterns = [
    path("", staff_views.package_list, name="package-list"),
    path("packages/new/", staff_views.package_create, name="package-create"),
    path("packages/<int:pk>/", staff_views.package_page, name="package"),
    path("packages/<int:pk>/recommendations/add/", staff_views.recommendation_add, name="recommendation-add"),
    path("<int:pk>/", staff_views.recommendation_page, name="recommendation"),
    path("<int:pk>/steps/<slug:status>/", staff_views.recommendation_transition, name="transition"),
]
