"""The audit log in the Django admin: superusers only, and read-only for everyone."""

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEvent, RateLimitBlock


class SuperuserOnlyAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(SuperuserOnlyAdmin):
    list_display = ["at", "action", "actor_label", "target", "ip_address"]
    list_filter = ["action", ("at", admin.DateFieldListFilter)]
    search_fields = ["actor_label", "target", "ip_address", "request_id"]
    date_hierarchy = "at"
    readonly_fields = ["at", "actor", "actor_label", "action", "ip_address", "target", "details", "request_id"]
    list_select_related = False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # An audit trail that can be edited from the web proves nothing; retention is a command.
        return False


@admin.register(RateLimitBlock)
class RateLimitBlockAdmin(SuperuserOnlyAdmin):
    """Lists active and recent blocks; deleting one lifts a lock-out before it expires."""

    list_display = ["scope", "key", "created_at", "until"]
    list_filter = ["scope"]
    search_fields = ["key"]
    readonly_fields = ["scope", "key", "created_at", "until"]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser
