from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kenes.api"
    label = "api"
