"""Read access to instrument versions and their codebook (structure documented in docs/codebook.md)."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from .models import (
    DONT_KNOW_EXPORT_CODE,
    NOT_APPLICABLE_EXPORT_CODE,
    Dimension,
    Instrument,
    InstrumentStatus,
    Item,
    ItemFlag,
    Module,
    Scale,
    ScaleOption,
)

DEFAULT_SLUG = "ketenregie"

DONT_KNOW_LABEL = {"nl": "Weet niet / niet van toepassing", "en": "Don't know / not applicable"}
# From instrument version 2 "weet niet" (-9, DONT_KNOW_EXPORT_CODE) and "niet van toepassing" (-8) are apart;
# in version 1 -9 stands for the combined answer, so DONT_KNOW_LABEL keeps naming both for that version.
DONT_KNOW_ONLY_LABEL = {"nl": "Weet niet", "en": "Don't know"}
NOT_APPLICABLE_LABEL = {"nl": "Niet van toepassing", "en": "Not applicable"}


def instruments_visible_to(*, user) -> QuerySet[Instrument]:
    """Published and retired versions for every signed-in user; drafts only for staff, who review them."""
    qs = Instrument.objects.all()
    if not (user.is_staff or user.is_superuser):
        qs = qs.exclude(status=InstrumentStatus.DRAFT)
    return qs


def instrument_get_for_user(*, user, slug: str, version: int) -> Instrument:
    instrument = instruments_visible_to(user=user).filter(slug=slug, version=version).first()
    if instrument is None:
        raise Http404("Instrument version not found")
    return instrument


def instrument_latest_published(*, slug: str = DEFAULT_SLUG) -> Instrument | None:
    return Instrument.objects.latest_published(slug=slug)


def instrument_versions(*, user, slug: str) -> list[Instrument]:
    return list(instruments_visible_to(user=user).filter(slug=slug).order_by("version"))


@dataclass
class CodebookDimension:
    dimension: Dimension
    items: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class CodebookModule:
    module: Module
    dimensions: list[CodebookDimension] = field(default_factory=list)


@dataclass
class Codebook:
    instrument: Instrument
    scales: list[dict[str, Any]]
    modules: list[CodebookModule]
    items: list[dict[str, Any]]

    @property
    def missing_value(self) -> dict[str, Any]:
        label = DONT_KNOW_ONLY_LABEL if self.instrument.offers_not_applicable else DONT_KNOW_LABEL
        return {"code": DONT_KNOW_EXPORT_CODE, "label": dict(label)}

    @property
    def not_applicable_value(self) -> dict[str, Any] | None:
        """The export code of "niet van toepassing", for versions that offer it apart; None for version 1."""
        if not self.instrument.offers_not_applicable:
            return None
        return {"code": NOT_APPLICABLE_EXPORT_CODE, "label": dict(NOT_APPLICABLE_LABEL)}


def _scale_entry(scale: Scale) -> dict[str, Any]:
    options: list[ScaleOption] = list(scale.options.all())
    return {
        "code": scale.code,
        "name": {"nl": scale.name_nl, "en": scale.name_en},
        "options": [{"value": o.value, "label": {"nl": o.label_nl, "en": o.label_en}} for o in options],
    }


def _item_entry(item: Item, *, module: Module, dimension: Dimension, scale: dict[str, Any],
                position: int) -> dict[str, Any]:
    source = item.source or {}
    return {
        "position": position,
        "code": item.code,
        "module": module.code,
        "module_optional": module.optional,
        "dimension": dimension.code,
        "dimension_title": {"nl": dimension.title_nl, "en": dimension.title_en},
        "factor": item.factor,
        "aspect": item.aspect,
        "label": {"nl": item.label_nl, "en": item.label_en},
        "text": {"nl": item.text_nl, "en": item.text_en},
        "help": {"nl": item.help_nl, "en": item.help_en},
        "scale": scale,
        "missing_value": DONT_KNOW_EXPORT_CODE,
        "flags": list(item.flags or []),
        "flag_labels": [str(ItemFlag(flag).label) for flag in item.flags or [] if flag in ItemFlag.values],
        "source": {key: source.get(key, "") for key in ("file", "section", "lines", "note")},
        "source_reference": item.source_reference(),
    }


def codebook_get(*, instrument: Instrument) -> Codebook:
    """Every item of one version in questionnaire order, with module, dimension, scale and source. 5 queries."""
    scales = {s.pk: _scale_entry(s) for s in
              Scale.objects.filter(instrument=instrument).prefetch_related(
                  Prefetch("options", queryset=ScaleOption.objects.order_by("order", "value")))}
    modules = (
        Module.objects.filter(instrument=instrument)
        .order_by("order", "code")
        .prefetch_related(Prefetch("dimensions", queryset=Dimension.objects.order_by("order", "code").prefetch_related(
            Prefetch("items", queryset=Item.objects.order_by("order", "code")))))
    )
    blocks: list[CodebookModule] = []
    items: list[dict[str, Any]] = []
    for module in modules:
        block = CodebookModule(module=module)
        for dimension in module.dimensions.all():
            group = CodebookDimension(dimension=dimension)
            for item in dimension.items.all():
                entry = _item_entry(item, module=module, dimension=dimension, scale=scales[item.scale_id],
                                    position=len(items) + 1)
                group.items.append(entry)
                items.append(entry)
            block.dimensions.append(group)
        blocks.append(block)
    scale_list = sorted(scales.values(), key=lambda s: s["code"])
    return Codebook(instrument=instrument, scales=scale_list, modules=blocks, items=items)
