from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kenes.core"
    label = "core"
