from django.urls import path

from kenes.plans import views

app_name = "plans"
urlpatterns = [
    path("plans/", views.plan_list, name="plan-list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan-detail"),
]
