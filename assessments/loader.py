"""Load instrument versions from their YAML files into the database (format: docs/instrument-format.md; reading
and validating a file is assessments.schema).

A file is validated whole before the database is touched, and loaded in one transaction, so a bad file
leaves nothing behind. Loading is idempotent: an unchanged file (same SHA-256) causes no writes at all.
A version that has answers is locked: a file whose content differs from what was loaded is refused; only
its status (e.g. retiring it) and bookkeeping may change. An unlocked version is updated in place: rows are
matched by their codes, changed rows updated, removed ones deleted.

The data migration calls this with historical models (``InstrumentModels.from_apps``). Every write goes
through ``_fields_for`` which skips fields the given model does not (yet, or any more) have, so later schema
changes do not break that migration; a load that had to skip something stores no checksum, so the next
``load_instruments`` completes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Dimension, Instrument, InstrumentLockedError, Item, Module, Scale, ScaleOption
from .schema import InstrumentFileError, InstrumentSpec, display_path, instrument_file_parse

INSTRUMENTS_DIR = Path(__file__).resolve().parent / "instruments"


def shipped_instrument_paths() -> list[Path]:
    return sorted(INSTRUMENTS_DIR.glob("*.yaml"))


# --------------------------------------------------------------------------------------------------------
# Loading into the database.
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InstrumentModels:
    """The model classes the loader writes to: the real ones, or historical ones inside a migration.

    Historical models are classes built at run time, so the type is only "a class" (``type[Any]``).
    """

    Instrument: type[Any]
    Scale: type[Any]
    ScaleOption: type[Any]
    Module: type[Any]
    Dimension: type[Any]
    Item: type[Any]
    Answer: type[Any] | None

    @classmethod
    def current(cls) -> InstrumentModels:
        from django.apps import apps

        # Looked up in the app registry, not imported: the rounds app builds on this one, not the reverse.
        return cls(Instrument, Scale, ScaleOption, Module, Dimension, Item, apps.get_model("rounds", "Answer"))

    @classmethod
    def from_apps(cls, apps) -> InstrumentModels:
        def get(app_label: str, name: str):
            try:
                return apps.get_model(app_label, name)
            except LookupError:
                # Before the rounds tables exist there cannot be answers.
                return None

        def model(name: str) -> type[Any]:
            return apps.get_model("assessments", name)

        return cls(model("Instrument"), model("Scale"), model("ScaleOption"), model("Module"), model("Dimension"),
                   model("Item"), get("rounds", "Answer"))


@dataclass
class LoadResult:
    file: str
    slug: str
    version: int
    action: str                    # created | updated | unchanged | status | checksum
    status: str
    items: int = 0
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def describe(self) -> str:
        what = {
            "created": _("aangemaakt met %(items)d items"),
            "updated": _("bijgewerkt: %(new)d items nieuw, %(changed)d gewijzigd, %(deleted)d verwijderd"),
            # A fresh database already holds the shipped files (migration 0002): say what is there.
            "unchanged": _("geladen met %(items)d items; de database was al gelijk aan het bestand"),
            "status": _("alleen status of opmaak gewijzigd; inhoud ongewijzigd"),
            "checksum": _("opmaak gewijzigd, inhoud ongewijzigd"),
        }[self.action] % {"items": self.items, "new": len(self.created), "changed": len(self.changed),
                          "deleted": len(self.deleted)}
        return f"{self.file}: {self.slug} v{self.version} ({self.status}): {what}"


class _Writer:
    """Turns field dicts into model kwargs for one set of model classes."""

    def __init__(self, models: InstrumentModels):
        self.models = models
        self.skipped: set[str] = set()
        self._names: dict[type[Any], set[str]] = {}

    def fields_for(self, model: type[Any], values: dict[str, Any]) -> dict[str, Any]:
        names = self._names.setdefault(model, {f.attname for f in model._meta.concrete_fields})
        kept = {k: v for k, v in values.items() if k in names}
        self.skipped.update(f"{model.__name__}.{k}" for k in values.keys() - kept.keys())
        return kept


def _db_content(models: InstrumentModels, instrument, spec: InstrumentSpec) -> dict[str, Any]:
    """The stored content in the shape of InstrumentSpec.content, reading the same keys the file provides."""

    def keys(rows) -> list[str]:
        return sorted(set().union(*(row.keys() for row in rows)))

    def read(obj, names: list[str]) -> dict[str, Any]:
        return {name: getattr(obj, name, None) for name in names}

    scale_keys = keys(s["fields"] for s in spec.scales.values())
    option_keys = keys(o for s in spec.scales.values() for o in s["options"].values())
    module_keys = keys(m["fields"] for m in spec.modules.values())
    dimension_keys = keys(d for m in spec.modules.values() for d in m["dimensions"].values())
    item_keys = [k for k in keys(spec.items.values()) if k not in ("module", "dimension", "scale")]

    content: dict[str, Any] = {"instrument": read(instrument, list(spec.instrument)),
                               "scales": {}, "modules": {}, "items": {}}
    scale_codes = {}
    for scale in models.Scale.objects.filter(instrument=instrument).order_by("pk"):
        scale_codes[scale.pk] = scale.code
        content["scales"][scale.code] = {"fields": read(scale, scale_keys), "options": {}}
    for option in models.ScaleOption.objects.filter(scale__instrument=instrument).order_by("pk"):
        content["scales"][scale_codes[option.scale_id]]["options"][option.value] = read(option, option_keys)
    module_codes = {}
    for module in models.Module.objects.filter(instrument=instrument).order_by("pk"):
        module_codes[module.pk] = module.code
        content["modules"][module.code] = {"fields": read(module, module_keys), "dimensions": {}}
    dimension_codes = {}
    for dimension in models.Dimension.objects.filter(module__instrument=instrument).order_by("pk"):
        module_code = module_codes[dimension.module_id]
        dimension_codes[dimension.pk] = (module_code, dimension.code)
        content["modules"][module_code]["dimensions"][dimension.code] = read(dimension, dimension_keys)
    for item in models.Item.objects.filter(instrument=instrument).order_by("pk"):
        module_code, dimension_code = dimension_codes[item.dimension_id]
        content["items"][item.code] = {"module": module_code, "dimension": dimension_code,
                                       "scale": scale_codes.get(item.scale_id), **read(item, item_keys)}
    return content


def _comparable(content: dict[str, Any], models: InstrumentModels) -> dict[str, Any]:
    """Drop the keys the given models cannot store, so that a historical schema compares fairly."""
    writer = _Writer(models)
    m = models
    return {
        "instrument": writer.fields_for(m.Instrument, content["instrument"]),
        "scales": {code: {"fields": writer.fields_for(m.Scale, s["fields"]),
                          "options": {v: writer.fields_for(m.ScaleOption, o) for v, o in s["options"].items()}}
                   for code, s in content["scales"].items()},
        "modules": {code: {"fields": writer.fields_for(m.Module, mod["fields"]),
                           "dimensions": {dc: writer.fields_for(m.Dimension, d)
                                          for dc, d in mod["dimensions"].items()}}
                    for code, mod in content["modules"].items()},
        "items": {code: {**writer.fields_for(m.Item, {k: v for k, v in it.items()
                                                      if k not in ("module", "dimension", "scale")}),
                         "module": it["module"], "dimension": it["dimension"], "scale": it["scale"]}
                  for code, it in content["items"].items()},
    }


def _content_differences(file_content: dict, db_content: dict) -> list[str]:
    """Human-readable list of what differs; empty when the stored content equals the file."""
    differences = []
    if file_content["instrument"] != db_content["instrument"]:
        differences.append(_("naam of beschrijving van de vragenlijst"))
    for kind, label in (("scales", _("schaal")), ("modules", _("module")), ("items", _("item"))):
        file_rows, db_rows = file_content[kind], db_content[kind]
        for code in file_rows.keys() - db_rows.keys():
            differences.append(_("%(kind)s %(code)s is nieuw") % {"kind": label, "code": code})
        for code in db_rows.keys() - file_rows.keys():
            differences.append(_("%(kind)s %(code)s is verwijderd") % {"kind": label, "code": code})
        for code in file_rows.keys() & db_rows.keys():
            if file_rows[code] != db_rows[code]:
                differences.append(_("%(kind)s %(code)s is gewijzigd") % {"kind": label, "code": code})
    return sorted(differences)


def _is_locked(models: InstrumentModels, instrument) -> bool:
    if models.Answer is None:
        return False
    return models.Answer.objects.filter(item__instrument_id=instrument.pk).exists()


def instrument_file_load(*, path: Path | str, models: InstrumentModels | None = None) -> LoadResult:
    """Parse, validate and load one file atomically; see the module docstring for the rules."""
    spec = instrument_file_parse(path=path)
    return instrument_spec_load(spec=spec, models=models)


def instrument_files_load(*, paths: Sequence[Path | str], models: InstrumentModels | None = None) -> list[LoadResult]:
    """Validate every file first, then load them all in one transaction: all files or none."""
    specs = [instrument_file_parse(path=path) for path in paths]
    seen: dict[tuple[str, int], Path] = {}
    for spec in specs:
        key = (spec.slug, spec.version)
        if key in seen:
            raise InstrumentFileError(spec.path, [("instrument", _("%(slug)s v%(version)d staat ook in %(other)s")
                                                   % {"slug": spec.slug, "version": spec.version,
                                                      "other": display_path(seen[key])})])
        seen[key] = spec.path
    with transaction.atomic():
        return [instrument_spec_load(spec=spec, models=models) for spec in specs]


@transaction.atomic
def instrument_spec_load(*, spec: InstrumentSpec, models: InstrumentModels | None = None) -> LoadResult:
    models = models or InstrumentModels.current()
    writer = _Writer(models)
    file_name = display_path(spec.path)
    result = LoadResult(file=file_name, slug=spec.slug, version=spec.version, action="unchanged",
                        status=spec.status, items=len(spec.items))

    instrument = models.Instrument.objects.filter(slug=spec.slug, version=spec.version).first()
    if instrument is not None and spec.checksum and instrument.checksum == spec.checksum:
        result.status = instrument.status
        return result

    header = {**spec.instrument, "status": spec.status, "source_file": file_name}
    if instrument is None:
        instrument = models.Instrument(**writer.fields_for(models.Instrument, header))
        instrument.save()
        _write_content(models, writer, instrument, spec, result)
        result.action = "created"
    else:
        wanted = _comparable(spec.content, models)
        differences = _content_differences(wanted, _comparable(_db_content(models, instrument, spec), models))
        if differences and _is_locked(models, instrument):
            raise InstrumentLockedError(
                _("%(file)s: %(slug)s v%(version)d heeft al antwoorden en is vergrendeld; de inhoud van het "
                  "bestand wijkt af (%(differences)s). Maak een nieuwe versie (een nieuw bestand met een hoger "
                  "versienummer) in plaats van deze te wijzigen.")
                % {"file": file_name, "slug": spec.slug, "version": spec.version,
                   "differences": "; ".join(differences)},
                code="locked",
            )
        status_changed = instrument.status != spec.status
        for name, value in writer.fields_for(models.Instrument, header).items():
            setattr(instrument, name, value)
        if differences:
            _write_content(models, writer, instrument, spec, result)
            result.action = "updated"
        else:
            result.action = "status" if status_changed else "checksum"

    # A load that could not store everything (historical models) leaves no checksum, so a later load redoes it.
    instrument.checksum = "" if writer.skipped else spec.checksum
    instrument.save()
    return result


def _write_content(models: InstrumentModels, writer: _Writer, instrument, spec: InstrumentSpec,
                   result: LoadResult) -> None:
    """Upsert every row by its code and delete rows the file no longer has. Only differing rows are written."""
    m = models

    def sync(model, existing: dict, wanted: dict[Any, dict]) -> tuple[list, list]:
        to_create, to_update, update_fields = [], [], set()
        created, updated = [], []
        for key, values in wanted.items():
            values = writer.fields_for(model, values)
            row = existing.get(key)
            if row is None:
                to_create.append(model(**values))
                created.append(key)
                continue
            changed = {name for name, value in values.items() if getattr(row, name) != value}
            if changed:
                for name in changed:
                    setattr(row, name, values[name])
                to_update.append(row)
                updated.append(key)
                update_fields |= changed
        if to_create:
            model.objects.bulk_create(to_create)
        if to_update:
            model.objects.bulk_update(to_update, sorted(update_fields))
        return created, updated

    def delete_missing(model, existing: dict, wanted: dict) -> list:
        gone = [key for key in existing if key not in wanted]
        if gone:
            model.objects.filter(pk__in=[existing[key].pk for key in gone]).delete()
        return gone

    # Parents first (children need their ids), deletions last and children first (Item.scale is PROTECT).
    scales = {s.code: s for s in m.Scale.objects.filter(instrument=instrument)}
    wanted_scales = {code: {**s["fields"], "instrument_id": instrument.pk} for code, s in spec.scales.items()}
    sync(m.Scale, scales, wanted_scales)
    scale_ids = dict(m.Scale.objects.filter(instrument=instrument).values_list("code", "pk"))

    options = {(o.scale_id, o.value): o for o in m.ScaleOption.objects.filter(scale__instrument=instrument)}
    wanted_options = {(scale_ids[code], value): {**o, "value": value, "scale_id": scale_ids[code]}
                      for code, s in spec.scales.items() for value, o in s["options"].items()}
    sync(m.ScaleOption, options, wanted_options)

    modules = {mod.code: mod for mod in m.Module.objects.filter(instrument=instrument)}
    wanted_modules = {code: {**mod["fields"], "instrument_id": instrument.pk} for code, mod in spec.modules.items()}
    sync(m.Module, modules, wanted_modules)
    module_ids = dict(m.Module.objects.filter(instrument=instrument).values_list("code", "pk"))

    dimensions = {(d.module_id, d.code): d for d in m.Dimension.objects.filter(module__instrument=instrument)}
    wanted_dimensions = {(module_ids[mc], dc): {**d, "module_id": module_ids[mc]}
                         for mc, mod in spec.modules.items() for dc, d in mod["dimensions"].items()}
    sync(m.Dimension, dimensions, wanted_dimensions)
    dimension_ids = {(module_id, code): pk for pk, module_id, code in
                     m.Dimension.objects.filter(module__instrument=instrument).values_list("pk", "module_id", "code")}

    items = {i.code: i for i in m.Item.objects.filter(instrument=instrument)}
    wanted_items = {
        code: {**{k: v for k, v in it.items() if k not in ("module", "dimension", "scale")},
               "instrument_id": instrument.pk, "scale_id": scale_ids[it["scale"]],
               "dimension_id": dimension_ids[(module_ids[it["module"]], it["dimension"])]}
        for code, it in spec.items.items()
    }
    result.created, result.changed = sync(m.Item, items, wanted_items)
    result.deleted = delete_missing(m.Item, items, wanted_items)
    delete_missing(m.Dimension, dimensions, wanted_dimensions)
    delete_missing(m.ScaleOption, options, wanted_options)
    delete_missing(m.Module, modules, wanted_modules)
    delete_missing(m.Scale, scales, wanted_scales)
