import re

from django.contrib import admin

from kenes.appeals.models import Appeal, AppealEvent, BanEntry
from kenes.appeals.services._common import normalize_phone, secret_hash
from kenes.core.audit import audit_record, snapshot

_HASH = re.compile(r"^[0-9a-f]{40}$")


@admin.register(BanEntry)
class BanEntryAdmin(admin.ModelAdmin):
    """The ban list. An IP address typed here is stored as its keyed hash, never as the address."""

    list_display = ("kind", "short_value", "reason", "created_at", "expires_at")
    list_filter = ("kind",)
    search_fields = ("reason",)
    readonly_fields = ("created_by", "created_at")

    @admin.display(description="value")
    def short_value(self, obj: BanEntry) -> str:
        return obj.value[:12] + ("…" if len(obj.value) > 12 else "")

    def save_model(self, request, obj: BanEntry, form, change) -> None:
        value = obj.value.strip()
        if obj.kind == BanEntry.Kind.IP and not _HASH.match(value):
            value = secret_hash(value)
        elif obj.kind == BanEntry.Kind.EMAIL:
            value = value.lower()
        elif obj.kind == BanEntry.Kind.PHONE:
            value = normalize_phone(value) or value
        obj.value = value
        if not change:
            obj.created_by = request.user
        before = None if not change else snapshot(BanEntry.objects.get(pk=obj.pk))
        super().save_model(request, obj, form, change)
        audit_record(actor=request.user, action="appeals.ban.saved", obj=obj, before=before)


class AppealEventInline(admin.TabularInline):
    model = AppealEvent
    extra = 0
    can_delete = False
    readonly_fields = ("status", "at", "note")


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    """Read-only overview; appeals are processed in the staff workspace, through the services."""

    list_display = ("display_code", "maslikhat", "kind", "status", "registered_on", "due_date", "is_demo")
    list_filter = ("status", "kind", "is_demo")
    inlines = [AppealEventInline]
    exclude = ("text", "answer_text", "complaint_text", "request_hash", "idempotency_key")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
