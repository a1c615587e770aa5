from django.contrib import admin

from kenes.notifications.models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("kind", "recipient", "group", "created_at", "read_at", "in_app", "email_status", "emailed_at")
    list_filter = ("group", "email_status", "in_app")
    search_fields = ("kind", "key", "recipient__username")
    raw_id_fields = ("recipient",)
    readonly_fields = ("created_at", "emailed_at", "claimed_at")


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "group", "email", "in_app")
    list_filter = ("group", "email", "in_app")
    search_fields = ("user__username",)
    raw_id_fields = ("user",)
