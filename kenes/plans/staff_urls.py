"""Staff pages of work plans, mounted at /<lang>/staff/plans/."""

from django.urls import path

from kenes.plans import staff_matrix
from kenes.plans import staff_views as views

app_name = "plans-staff"
urlpatterns = [
    path("", views.plan_list, name="plan-list"),
    path("<int:pk>/", views.plan_edit, name="plan-edit"),
    path("<int:pk>/items/add/", views.item_create, name="item-create"),
    path("<int:pk>/matrix/", staff_matrix.matrix, name="matrix"),
    path("<int:pk>/matrix.csv", staff_matrix.matrix_export, {"fmt": "csv"}, name="matrix-csv"),
    path("<int:pk>/matrix.xlsx", staff_matrix.matrix_export, {"fmt": "xlsx"}, name="matrix-xlsx"),
    path("<int:pk>/import/", staff_matrix.items_import, name="import"),
    path("items/<int:pk>/", views.item_edit, name="item-edit"),
    path("items/<int:pk>/status/", views.item_status, name="item-status"),
    path("items/<int:pk>/milestones/add/", views.milestone_add, name="milestone-add"),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone-done"),
    path("milestones/<int:pk>/delete/", views.milestone_delete, name="milestone-delete"),
    path("reports/<int:pk>/accept/", views.report_accept, name="report-accept"),
    path("reports/<int:pk>/return/", views.report_return, name="report-return"),
    path("reports/<int:pk>/attachment/", views.report_attachment, name="report-attachment"),
    path("my/", views.my_items, name="my-items"),
    path("my/items/<int:pk>/", views.my_item, name="my-item"),
]
