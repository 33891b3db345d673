"""Load instrument versions from their YAML files (format: docs/instrument-format.md).

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

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from .models import RESERVED_EXPORT_CODES, InstrumentLockedError, InstrumentStatus, ItemFlag

INSTRUMENTS_DIR = Path(__file__).resolve().parent / "instruments"
LANGUAGES = ("nl", "en")
LABEL_MAX_LENGTH = 60

# The stable code schemes of the three core frameworks (issue 3); optional modules use "<MODULE>.<suffix>".
CODE_SCHEMES = {
    "SF": re.compile(r"SF\.(?P<group>[KPNOCX])\d+\.(?P<aspect>presence|importance)"),
    "MK": re.compile(r"MK\.(?P<group>[1-4])\.\d+|MK\.phase"),
    "KO": re.compile(r"KO\.[1-9]"),
}
MODULE_CODE = re.compile(r"[A-Z][A-Z0-9]{0,9}")
OTHER_ITEM_CODE = re.compile(r"[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*")
SLUG = re.compile(r"[-a-z0-9_]+")

TOP_KEYS = {"instrument", "scales", "modules"}
INSTRUMENT_KEYS = {"slug", "version", "name", "description", "status", "not_applicable"}
SCALE_KEYS = {"code", "name", "options"}
OPTION_KEYS = {"value", "label"}
MODULE_KEYS = {"code", "optional", "allow_comment", "title", "intro", "higher_means", "source", "dimensions"}
DIMENSION_KEYS = {"code", "title", "intro", "items"}
ITEM_KEYS = {"code", "factor", "aspect", "label", "text", "help", "scale", "flags", "source"}
SOURCE_KEYS = {"file", "section", "lines", "note"}


class InstrumentFileError(Exception):
    """A file that breaks the format. ``problems`` lists (where, problem); the message names the file too."""

    def __init__(self, path: Path | str, problems: list[tuple[str, str]]):
        self.path = Path(path)
        self.problems = problems
        self.file = display_path(self.path)
        super().__init__("\n".join(f"{self.file}: {where}: {problem}" for where, problem in problems))


def display_path(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------------------------------------
# Parsing and validation: pure Python, no database.
# --------------------------------------------------------------------------------------------------------


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys silently; a reviewed file must not hide a second `text:`."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen = set()
    for key_node, _value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class InstrumentSpec:
    """A validated file, as plain rows keyed by their codes: what the database should contain."""

    path: Path
    checksum: str
    slug: str
    version: int
    status: str
    instrument: dict[str, Any]
    scales: dict[str, dict[str, Any]]            # code -> {"fields": {...}, "options": {value: {...}}}
    modules: dict[str, dict[str, Any]]           # code -> {"fields": {...}, "dimensions": {code: {...}}}
    items: dict[str, dict[str, Any]]             # code -> {... , "module", "dimension", "scale"}

    @property
    def content(self) -> dict[str, Any]:
        return {"instrument": self.instrument, "scales": self.scales, "modules": self.modules, "items": self.items}


class _Checker:
    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def add(self, where: str, problem: str) -> None:
        self.problems.append((where, problem))

    def is_mapping(self, value: Any, where: str) -> bool:
        if not isinstance(value, dict):
            self.add(where, _("verwacht een mapping (sleutel: waarde)"))
            return False
        return True

    def mapping(self, value: Any, where: str, allowed: set[str], required: set[str]) -> dict | None:
        if not self.is_mapping(value, where):
            return None
        for key in sorted(set(value) - allowed, key=str):
            self.add(where, _("onbekend veld '%(key)s'") % {"key": key})
        for key in sorted(required - set(value)):
            self.add(where, _("veld '%(key)s' ontbreekt") % {"key": key})
        return value

    def sequence(self, value: Any, where: str, name: str) -> list:
        if not isinstance(value, list) or not value:
            self.add(where, _("'%(name)s' moet een niet-lege lijst zijn") % {"name": name})
            return []
        return value

    def code(self, value: Any, where: str, max_length: int) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.add(where, _("code ontbreekt of is leeg"))
            return None
        if len(value) > max_length:
            self.add(where, _("code '%(code)s' is langer dan %(max)d tekens") % {"code": value, "max": max_length})
        return value

    def text(self, value: Any, where: str, name: str, *, required: bool,
             max_length: int | None = None) -> dict[str, str]:
        """A bilingual text. Required texts need both languages; optional ones both or neither."""
        empty = {f"{name}_{lang}": "" for lang in LANGUAGES}
        if value is None:
            if required:
                self.add(where, _("'%(name)s' ontbreekt") % {"name": name})
            return empty
        if not isinstance(value, dict):
            self.add(where, _("'%(name)s' moet een vertaling per taal hebben: {nl: ..., en: ...}") % {"name": name})
            return empty
        for key in sorted(set(value) - set(LANGUAGES), key=str):
            self.add(where, _("'%(name)s' heeft een onbekende taal '%(lang)s'") % {"name": name, "lang": key})
        result = {}
        for lang in LANGUAGES:
            text = value.get(lang)
            if text is None:
                text = ""
            if not isinstance(text, str):
                self.add(where, _("'%(name)s.%(lang)s' moet tekst zijn") % {"name": name, "lang": lang})
                text = ""
            result[f"{name}_{lang}"] = text.strip()
        filled = [lang for lang in LANGUAGES if result[f"{name}_{lang}"]]
        if (required or filled) and len(filled) < len(LANGUAGES):
            for lang in LANGUAGES:
                if lang not in filled:
                    self.add(where, _("vertaling ontbreekt: '%(name)s.%(lang)s' is leeg")
                             % {"name": name, "lang": lang})
        if max_length:
            for lang in filled:
                if len(result[f"{name}_{lang}"]) > max_length:
                    self.add(where, _("'%(name)s.%(lang)s' is langer dan %(max)d tekens")
                             % {"name": name, "lang": lang, "max": max_length})
        return result

    def source(self, value: Any, where: str, *, required: bool) -> dict[str, str]:
        if value is None:
            if required:
                self.add(where, _("bronvermelding 'source' ontbreekt"))
            return {}
        src = self.mapping(value, where, SOURCE_KEYS, {"file", "lines"} if required else {"file"})
        if src is None:
            return {}
        result = {}
        for key in ("file", "section", "lines", "note"):
            if key not in src:
                continue
            item = src[key]
            if key == "file" and not isinstance(item, str):
                # YAML reads 004 unquoted as the number 4: the seed number would silently change.
                self.add(where, _("'source.file' moet tekst tussen aanhalingstekens zijn, zoals \"004\""))
                continue
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                self.add(where, _("'source.%(key)s' is leeg") % {"key": key})
                continue
            result[key] = item.strip()
        return result


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def instrument_file_parse(*, path: Path | str) -> InstrumentSpec:
    """Read and validate one file; raise InstrumentFileError listing every problem found."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InstrumentFileError(path, [(_("bestand"), _("kan niet worden gelezen: %(error)s")
                                          % {"error": exc.strerror or exc})]) from exc
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except UnicodeDecodeError as exc:
        raise InstrumentFileError(path, [(_("bestand"), _("is geen geldige UTF-8"))]) from exc
    except yaml.YAMLError as exc:
        raise InstrumentFileError(path, [(_("bestand"), _("geen geldige YAML: %(error)s")
                                          % {"error": " ".join(str(exc).split())})]) from exc

    check = _Checker()
    top = check.mapping(data, _("bestand"), TOP_KEYS, TOP_KEYS) or {}

    # Instrument header.
    head = check.mapping(top.get("instrument", {}), "instrument", INSTRUMENT_KEYS, {"slug", "version", "name"}) or {}
    slug = head.get("slug")
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        check.add("instrument", _("'slug' moet bestaan uit kleine letters, cijfers en streepjes"))
        slug = str(slug)
    version = head.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        check.add("instrument", _("'version' moet een geheel getal vanaf 1 zijn"))
        version = 0
    status = head.get("status", InstrumentStatus.PUBLISHED)
    if status not in InstrumentStatus.values:
        check.add("instrument", _("onbekende status '%(status)s' (kies uit: %(choices)s)")
                  % {"status": status, "choices": ", ".join(InstrumentStatus.values)})
        status = InstrumentStatus.PUBLISHED
    # From version 2 every closed item offers "niet van toepassing" apart from "weet niet".
    not_applicable = head.get("not_applicable", False)
    if not isinstance(not_applicable, bool):
        check.add("instrument", _("'not_applicable' moet true of false zijn"))
        not_applicable = False
    instrument = {"slug": slug, "version": version,
                  **check.text(head.get("name"), "instrument", "name", required=True),
                  **check.text(head.get("description"), "instrument", "description", required=False)}
    # Only a file that uses a newer key carries it, so that loading an older file with the historical models of
    # its own migration (which lack the field) stays complete.
    if "not_applicable" in head:
        instrument["offers_not_applicable"] = not_applicable

    # Scales.
    scales: dict[str, dict[str, Any]] = {}
    for n, scale in enumerate(check.sequence(top.get("scales"), _("bestand"), "scales"), start=1):
        where = _("schaal %(n)d") % {"n": n}
        code = check.code(scale.get("code"), where, 40) if check.is_mapping(scale, where) else None
        if code is None:
            continue
        where = _("schaal %(code)s") % {"code": code}
        check.mapping(scale, where, SCALE_KEYS, SCALE_KEYS)
        if code in scales:
            check.add(where, _("dubbele schaalcode"))
            continue
        options: dict[int, dict[str, Any]] = {}
        for order, option in enumerate(check.sequence(scale.get("options"), where, "options"), start=1):
            option = check.mapping(option, where, OPTION_KEYS, OPTION_KEYS)
            if option is None:
                continue
            value = option.get("value")
            if not isinstance(value, int) or isinstance(value, bool):
                check.add(where, _("optiewaarde %(value)r is geen geheel getal") % {"value": value})
                continue
            if value in RESERVED_EXPORT_CODES:
                check.add(where, _("optiewaarde %(value)d is gereserveerd voor 'weet niet' en 'n.v.t.'")
                          % {"value": value})
            if value in options:
                check.add(where, _("dubbele optiewaarde %(value)d") % {"value": value})
                continue
            options[value] = {"order": order,
                              **check.text(option.get("label"), f"{where}, {_('optie')} {value}", "label",
                                           required=True)}
        scales[code] = {"fields": {"code": code, **check.text(scale.get("name"), where, "name", required=True)},
                        "options": options}

    # Modules, dimensions, items.
    modules: dict[str, dict[str, Any]] = {}
    items: dict[str, dict[str, Any]] = {}
    item_order = 0
    for module_order, module in enumerate(check.sequence(top.get("modules"), _("bestand"), "modules"), start=1):
        where = _("module %(n)d") % {"n": module_order}
        module_code = check.code(module.get("code"), where, 10) if check.is_mapping(module, where) else None
        if module_code is None:
            continue
        where = _("module %(code)s") % {"code": module_code}
        check.mapping(module, where, MODULE_KEYS, {"code", "title", "dimensions"})
        if not MODULE_CODE.fullmatch(module_code):
            check.add(where, _("modulecode moet uit hoofdletters en cijfers bestaan, beginnend met een letter"))
        if module_code in modules:
            check.add(where, _("dubbele modulecode"))
            continue
        flags = {}
        for key, default in (("optional", False), ("allow_comment", True)):
            flags[key] = module.get(key, default)
            if not isinstance(flags[key], bool):
                check.add(where, _("'%(key)s' moet true of false zijn") % {"key": key})
        dimensions: dict[str, dict[str, Any]] = {}
        modules[module_code] = {
            "fields": {"code": module_code, "order": module_order, **flags,
                       **check.text(module.get("title"), where, "title", required=True),
                       **check.text(module.get("intro"), where, "intro", required=False),
                       # What a higher score means, for scales where higher is not "better" (CX: more complex).
                       **({} if "higher_means" not in module else
                          check.text(module.get("higher_means"), where, "higher_means", required=False,
                                     max_length=80)),
                       "source": check.source(module.get("source"), where, required=False)},
            "dimensions": dimensions,
        }
        for dimension_order, dimension in enumerate(check.sequence(module.get("dimensions"), where, "dimensions"),
                                                    start=1):
            dwhere = f"{where}, " + _("dimensie %(n)d") % {"n": dimension_order}
            dimension_code = (check.code(dimension.get("code"), dwhere, 20)
                              if check.is_mapping(dimension, dwhere) else None)
            if dimension_code is None:
                continue
            dwhere = f"{where}, " + _("dimensie %(code)s") % {"code": dimension_code}
            check.mapping(dimension, dwhere, DIMENSION_KEYS, {"code", "title", "items"})
            if dimension_code in dimensions:
                check.add(dwhere, _("dubbele dimensiecode in deze module"))
                continue
            dimensions[dimension_code] = {
                "code": dimension_code, "order": dimension_order,
                **check.text(dimension.get("title"), dwhere, "title", required=True),
                **check.text(dimension.get("intro"), dwhere, "intro", required=False),
            }
            for n, item in enumerate(check.sequence(dimension.get("items"), dwhere, "items"), start=1):
                iwhere = f"{dwhere}, " + _("item %(n)d") % {"n": n}
                code = check.code(item.get("code"), iwhere, 40) if check.is_mapping(item, iwhere) else None
                if code is None:
                    continue
                iwhere = _("item %(code)s") % {"code": code}
                check.mapping(item, iwhere, ITEM_KEYS, {"code", "label", "text", "scale", "source"})
                if code in items:
                    check.add(iwhere, _("dubbele itemcode (codes moeten uniek zijn in het hele bestand)"))
                    continue
                item_order += 1
                items[code] = _item_row(check, item, iwhere, code=code, module_code=module_code,
                                        dimension_code=dimension_code, scales=scales, order=item_order)

    if check.problems:
        raise InstrumentFileError(path, check.problems)
    return InstrumentSpec(path=path, checksum=_sha256(raw), slug=slug, version=version, status=status,
                          instrument=instrument, scales=scales, modules=modules, items=items)


def _item_row(check: _Checker, item: dict, where: str, *, code: str, module_code: str, dimension_code: str,
              scales: dict, order: int) -> dict[str, Any]:
    factor = item.get("factor", "")
    aspect = item.get("aspect", "")
    scheme = CODE_SCHEMES.get(module_code)
    match = scheme.fullmatch(code) if scheme else None
    if scheme and not match:
        check.add(where, _("code volgt het schema van module %(module)s niet (verwacht %(pattern)s)")
                  % {"module": module_code, "pattern": scheme.pattern})
    elif not scheme and not (code.startswith(f"{module_code}.") and OTHER_ITEM_CODE.fullmatch(code)):
        check.add(where, _("code moet beginnen met de modulecode: '%(prefix)s.'") % {"prefix": module_code})
    if match and match.groupdict().get("group") and match.group("group") != dimension_code:
        check.add(where, _("code hoort niet bij dimensie %(dimension)s") % {"dimension": dimension_code})
    if module_code == "SF" and match:
        # Scoring pairs presence and importance by factor: derive both from the code and refuse contradictions.
        expected_factor, expected_aspect = code.rsplit(".", 1)
        if factor and factor != expected_factor:
            check.add(where, _("'factor' moet %(expected)s zijn") % {"expected": expected_factor})
        if aspect and aspect != expected_aspect:
            check.add(where, _("'aspect' moet %(expected)s zijn") % {"expected": expected_aspect})
        factor, aspect = expected_factor, expected_aspect
    for name, value, max_length in (("factor", factor, 20), ("aspect", aspect, 20)):
        if not isinstance(value, str):
            check.add(where, _("'%(name)s' moet tekst zijn") % {"name": name})
        elif len(value) > max_length:
            check.add(where, _("'%(name)s' is langer dan %(max)d tekens") % {"name": name, "max": max_length})

    scale = item.get("scale")
    if not isinstance(scale, str) or scale not in scales:
        check.add(where, _("onbekende schaal '%(scale)s'") % {"scale": scale})

    flags = item.get("flags", [])
    if not isinstance(flags, list):
        check.add(where, _("'flags' moet een lijst zijn"))
        flags = []
    for flag in flags:
        if flag not in ItemFlag.values:
            check.add(where, _("onbekende vlag '%(flag)s' (kies uit: %(choices)s)")
                      % {"flag": flag, "choices": ", ".join(ItemFlag.values)})
    if len(set(map(str, flags))) != len(flags):
        check.add(where, _("een vlag staat er dubbel in"))

    return {
        "code": code, "module": module_code, "dimension": dimension_code, "scale": scale, "order": order,
        "factor": factor if isinstance(factor, str) else "", "aspect": aspect if isinstance(aspect, str) else "",
        **check.text(item.get("label"), where, "label", required=True, max_length=LABEL_MAX_LENGTH),
        **check.text(item.get("text"), where, "text", required=True),
        **check.text(item.get("help"), where, "help", required=False),
        "flags": [f for f in flags if isinstance(f, str)],
        "source": check.source(item.get("source"), where, required=True),
    }


def shipped_instrument_paths() -> list[Path]:
    return sorted(INSTRUMENTS_DIR.glob("*.yaml"))


# --------------------------------------------------------------------------------------------------------
# Loading into the database.
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InstrumentModels:
    """The model classes the loader writes to: the real ones, or historical ones inside a migration."""

    Instrument: type
    Scale: type
    ScaleOption: type
    Module: type
    Dimension: type
    Item: type
    Answer: type | None

    @classmethod
    def current(cls) -> InstrumentModels:
        from django.apps import apps

        from . import models

        # Looked up in the app registry, not imported: the rounds app builds on this one, not the reverse.
        return cls(models.Instrument, models.Scale, models.ScaleOption, models.Module, models.Dimension,
                   models.Item, apps.get_model("rounds", "Answer"))

    @classmethod
    def from_apps(cls, apps) -> InstrumentModels:
        def get(app_label: str, name: str):
            try:
                return apps.get_model(app_label, name)
            except LookupError:
                # Before the rounds tables exist there cannot be answers.
                return None

        return cls(*(apps.get_model("assessments", name)
                     for name in ("Instrument", "Scale", "ScaleOption", "Module", "Dimension", "Item")),
                   get("rounds", "Answer"))


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
        self._names: dict[type, set[str]] = {}

    def fields_for(self, model: type, values: dict[str, Any]) -> dict[str, Any]:
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


def instrument_files_load(*, paths: list[Path | str], models: InstrumentModels | None = None) -> list[LoadResult]:
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
