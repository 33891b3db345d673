"""Admin for instrument versions. Content comes from the YAML files; a locked version is read-only here too."""

import contextlib

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from .models import Dimension, Instrument, Item, Module, Scale, ScaleOption, instrument_has_answers

LOCKED_NOTICE = _("Deze vragenlijstversie heeft antwoorden en is vergrendeld: niets kan nog worden gewijzigd of "
                  "verwijderd. Wijzig de vragenlijst door een nieuwe versie toe te voegen (een nieuw bestand in "
                  "assessments/instruments/ en load_instruments).")


def _instrument_id_of(obj) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Instrument):
        return obj.pk
    if isinstance(obj, ScaleOption):
        return obj.scale.instrument_id
    if isinstance(obj, Dimension):
        return obj.module.instrument_id
    return obj.instrument_id


def _is_locked(obj) -> bool:
    """Cached on the object: the admin asks several times per request."""
    if obj is None:
        return False
    if not hasattr(obj, "_admin_locked"):
        obj._admin_locked = instrument_has_answers(_instrument_id_of(obj))
    return obj._admin_locked


class LockAwareAdmin(admin.ModelAdmin):
    """A locked instrument's rows can be viewed but not changed or deleted, and the page says why."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _is_locked(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _is_locked(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and _is_locked(obj) and request.method == "GET":
            messages.warning(request, LOCKED_NOTICE)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_actions(self, request):
        # Bulk delete bypasses Model.delete() and with it the lock check.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class UnlockedInstrumentChoiceForm(forms.ModelForm):
    """New or moved rows may only point at an unlocked version: the admin shows the problem as a form error."""

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        probe = self.instance
        for name, value in cleaned.items():
            if name in {"instrument", "scale", "module", "dimension"} and value is not None:
                setattr(probe, name, value)
        instrument_id = None
        with contextlib.suppress(Instrument.DoesNotExist, Scale.DoesNotExist, Module.DoesNotExist):
            instrument_id = _instrument_id_of(probe)
        if instrument_id and instrument_has_answers(instrument_id):
            raise forms.ValidationError(LOCKED_NOTICE)
        return cleaned


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ModuleInline(ReadOnlyInline):
    model = Module
    fields = ("order", "code", "title_nl", "title_en", "optional", "allow_comment")
    readonly_fields = fields


class ScaleInline(ReadOnlyInline):
    model = Scale
    fields = ("code", "name_nl", "name_en")
    readonly_fields = fields


class DimensionInline(ReadOnlyInline):
    model = Dimension
    fields = ("order", "code", "title_nl", "title_en")
    readonly_fields = fields


class ScaleOptionInline(ReadOnlyInline):
    model = ScaleOption
    fields = ("order", "value", "label_nl", "label_en")
    readonly_fields = fields


class ItemInline(ReadOnlyInline):
    model = Item
    fk_name = "dimension"
    fields = ("order", "code", "label_nl", "scale", "flags")
    readonly_fields = fields


@admin.register(Instrument)
class InstrumentAdmin(LockAwareAdmin):
    list_display = ("__str__", "slug", "version", "status", "module_count", "item_count", "locked", "loaded_at")
    list_filter = ("status", "slug")
    search_fields = ("slug", "name_nl", "name_en")
    readonly_fields = ("slug", "version", "source_file", "checksum", "loaded_at")
    fields = ("slug", "version", "status", "name_nl", "name_en", "description_nl", "description_en",
              "source_file", "checksum", "loaded_at")
    inlines = [ModuleInline, ScaleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            _module_count=Count("modules", distinct=True),
            _item_count=Count("items", distinct=True),
            _locked=Exists(Item.objects.filter(instrument=OuterRef("pk"), answers__isnull=False)),
        )

    def has_add_permission(self, request):
        # Versions come from reviewed files (load_instruments), never from a form.
        return False

    @admin.display(description=_("modules"), ordering="_module_count")
    def module_count(self, obj):
        return obj._module_count

    @admin.display(description=_("items"), ordering="_item_count")
    def item_count(self, obj):
        return obj._item_count

    @admin.display(description=_("vergrendeld"), boolean=True, ordering="_locked")
    def locked(self, obj):
        return obj._locked


@admin.register(Module)
class ModuleAdmin(LockAwareAdmin):
    form = UnlockedInstrumentChoiceForm
    list_display = ("code", "title_nl", "instrument", "optional", "allow_comment", "order")
    list_filter = ("instrument", "optional")
    inlines = [DimensionInline]


@admin.register(Dimension)
class DimensionAdmin(LockAwareAdmin):
    form = UnlockedInstrumentChoiceForm
    list_display = ("__str__", "module", "order")
    list_filter = ("module__instrument", "module__code")
    list_select_related = ("module", "module__instrument")
    inlines = [ItemInline]


@admin.register(Scale)
class ScaleAdmin(LockAwareAdmin):
    form = UnlockedInstrumentChoiceForm
    list_display = ("code", "name_nl", "instrument")
    list_filter = ("instrument",)
    inlines = [ScaleOptionInline]


@admin.register(ScaleOption)
class ScaleOptionAdmin(LockAwareAdmin):
    form = UnlockedInstrumentChoiceForm
    list_display = ("scale", "value", "label_nl", "label_en", "order")
    list_filter = ("scale__instrument", "scale__code")
    list_select_related = ("scale",)


@admin.register(Item)
class ItemAdmin(LockAwareAdmin):
    form = UnlockedInstrumentChoiceForm
    list_display = ("code", "label_nl", "instrument", "dimension", "scale", "flags")
    list_filter = ("instrument", "dimension__module__code")
    list_select_related = ("instrument", "dimension", "dimension__module", "scale")
    search_fields = ("code", "label_nl", "label_en", "text_nl", "text_en")
    raw_id_fields = ("dimension", "scale")

    def get_readonly_fields(self, request, obj=None):
        return ("source_display",) if obj else ()

    @admin.display(description=_("bron"))
    def source_display(self, obj):
        return obj.source_reference()

