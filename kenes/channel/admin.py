from django.contrib import admin

from .models import ChannelItem, CouncilRequest


@admin.register(ChannelItem)
class ChannelItemAdmin(admin.ModelAdmin):
    """Read-only: items change only through the services (and their audit)."""

    list_display = ("id", "maslikhat", "kind", "status", "sent_at", "due_date", "is_public")
    list_filter = ("status", "kind", "is_public")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CouncilRequest)
class CouncilRequestAdmin(admin.ModelAdmin):
    list_display = ("id", "__str__", "due_date", "created_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
