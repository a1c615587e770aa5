from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kenes.core"
    label = "core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from kenes.core import cache

        # Every connection reports what it reads and writes to the page cache (kenes.core.cache).
        connection_created.connect(cache.install, dispatch_uid="kenes.core.cache.install")
