from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from kenes.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Kenes", {"fields": ("role", "maslikhat", "language")}))
    list_display = ("username", "email", "role", "maslikhat", "is_superuser")
    list_filter = ("role", "is_superuser")
    autocomplete_fields = ("maslikhat",)
