from django.contrib import admin

from .models import ConsentEvent, ExportLog, RoundScoreSnapshot


class ReadOnlyAdmin(admin.ModelAdmin):
    """History and logs are evidence: viewable, never edited by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ConsentEvent)
class ConsentEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "network", "granted", "user"]
    list_filter = ["granted"]
    search_fields = ["network__name", "network__slug"]
    list_select_related = ["network", "user"]


@admin.register(ExportLog)
class ExportLogAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "actor_label", "channel", "layout", "format", "row_count", "coarsened",
                    "finished_at"]
    list_filter = ["channel", "layout", "format"]
    search_fields = ["actor_label"]


@admin.register(RoundScoreSnapshot)
class RoundScoreSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["round", "area", "presence", "importance", "n", "respondents", "computed_at"]
    list_filter = ["area"]
    list_select_related = ["round__network"]
