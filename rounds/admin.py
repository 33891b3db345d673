from django.contrib import admin

from .models import Answer, Invitation, PageState, Response, Round


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ["user", "sent_at", "reminded_at", "reminder_count", "revoked_at"]
    readonly_fields = ["sent_at", "reminded_at", "reminder_count"]
    raw_id_fields = ["user"]
    show_change_link = True


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "status", "instrument", "opens_on", "closes_on", "show_respondents"]
    list_filter = ["status", "show_respondents", "instrument"]
    search_fields = ["name", "slug", "network__name"]
    list_select_related = ["network", "instrument"]
    raw_id_fields = ["network", "created_by"]
    filter_horizontal = ["optional_modules"]
    readonly_fields = ["created_at", "opened_at", "closed_at", "answers_changed_at"]
    inlines = [InvitationInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "round", "sent_at", "reminder_count", "revoked_at"]
    list_filter = ["round__status"]
    search_fields = ["user__email", "round__name", "round__network__name"]
    list_select_related = ["user", "round__network"]
    raw_id_fields = ["round", "user"]
    # The token is shown (support may need to give a link again) but changed only through "reissue".
    readonly_fields = ["token", "created_at", "sent_at", "reminded_at", "reminder_count"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["item", "value", "updated_at"]
    readonly_fields = ["item", "value", "updated_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["pk", "round", "respondent", "organisation", "level", "started_at", "submitted_at"]
    list_filter = ["round__status", "level"]
    search_fields = ["respondent__email", "external_id", "round__name"]
    list_select_related = ["round__network", "respondent", "organisation"]
    raw_id_fields = ["round", "invitation", "respondent", "organisation"]
    readonly_fields = ["started_at", "updated_at"]
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    """Answers are evidence: visible to administrators, never edited by hand."""

    list_display = ["response", "item", "value", "updated_at"]
    list_select_related = ["response__round", "item"]
    search_fields = ["item__code"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PageState)
class PageStateAdmin(admin.ModelAdmin):
    list_display = ["response", "page", "revision", "updated_at"]
    raw_id_fields = ["response"]
    readonly_fields = ["revision", "updated_at"]
