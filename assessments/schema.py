"""The instrument file format (docs/instrument-format.md) as schema models, and reading a file into the rows the
loader syncs (``InstrumentSpec``).

The models check every field and the rules that span the file (unique codes, known scales, the code scheme of
each core module) in one validation, so that every problem is reported at once. The checks that need to know
where they are (the module and dimension of an item, the scales seen so far) read it from the validation
context, which pydantic fills in file order: fields are validated in the order they are declared.
Pydantic's errors are turned into the Dutch messages of ``InstrumentFileError``. The published JSON Schema
(docs/instrument.schema.json) is generated from these models.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import yaml
from django.conf import settings
from django.utils.translation import gettext as _
from pydantic import (
    BeforeValidator,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from core.schema import (
    FILE_PROBLEM,
    LINE_RANGE_REVERSED,
    TRANSLATION_MISSING,
    CitedSource,
    FileModel,
    Problem,
    RequiredText,
    SourceRef,
    Text,
    code_of,
    file_problem,
    node_at,
    none_as_empty,
    number_as_text,
    problems_of,
)

from .models import RESERVED_EXPORT_CODES, InstrumentStatus, ItemFlag

LABEL_MAX_LENGTH = 60
HIGHER_MEANS_MAX_LENGTH = 80

# The stable code schemes of the three core frameworks (issue 3); optional modules use "<MODULE>.<suffix>".
CODE_SCHEMES = {
    "SF": re.compile(r"SF\.(?P<group>[KPNOCX])\d+\.(?P<aspect>presence|importance)"),
    "MK": re.compile(r"MK\.(?P<group>[1-4])\.\d+|MK\.phase"),
    "KO": re.compile(r"KO\.[1-9]"),
}
MODULE_CODE = re.compile(r"[A-Z][A-Z0-9]{0,9}")
OTHER_ITEM_CODE = re.compile(r"[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*")
SLUG = re.compile(r"[-a-z0-9_]+")


# --------------------------------------------------------------------------------------------------------
# The models
# --------------------------------------------------------------------------------------------------------


@dataclass
class _Seen:
    """What validation has met so far in this file, for the checks that span it."""

    scales: set[str] = field(default_factory=set)
    modules: set[str] = field(default_factory=set)
    items: set[str] = field(default_factory=set)
    module: str | None = None
    dimension: str | None = None
    dimensions: set[str] = field(default_factory=set)


def _seen(info: ValidationInfo) -> _Seen:
    context = info.context if isinstance(info.context, dict) else {}
    # A model validated on its own (no file around it) checks against an empty file.
    return context.setdefault("seen", _Seen())


ScaleCode = Annotated[str, StringConstraints(min_length=1, max_length=40), BeforeValidator(number_as_text)]
ModuleCode = Annotated[str, StringConstraints(min_length=1, max_length=10, pattern=rf"^{MODULE_CODE.pattern}$"),
                       BeforeValidator(number_as_text)]
DimensionCode = Annotated[str, StringConstraints(min_length=1, max_length=20), BeforeValidator(number_as_text)]
ItemCode = ScaleCode
LabelText = Annotated[str, StringConstraints(min_length=1, max_length=LABEL_MAX_LENGTH), BeforeValidator(none_as_empty)]


class Label(RequiredText):
    """An item's short name for tables and charts."""

    nl: LabelText
    en: LabelText


class HigherMeans(Text):
    """What a higher score means, for scales where higher is not "better" (CX: a more complex chain)."""

    nl: Annotated[str, StringConstraints(max_length=HIGHER_MEANS_MAX_LENGTH)] = ""
    en: Annotated[str, StringConstraints(max_length=HIGHER_MEANS_MAX_LENGTH)] = ""


class Header(FileModel):
    slug: Annotated[str, StringConstraints(pattern=rf"^{SLUG.pattern}$")]
    version: Annotated[int, Field(ge=1)]
    name: RequiredText
    description: Text = Text()
    status: Annotated[str, Field(json_schema_extra={"enum": list(InstrumentStatus.values)})] = (
        InstrumentStatus.PUBLISHED.value)
    # From version 2 every closed item offers "niet van toepassing" apart from "weet niet".
    not_applicable: bool = False

    @field_validator("status")
    @classmethod
    def _known_status(cls, status: str) -> str:
        if status not in InstrumentStatus.values:
            raise file_problem(_("onbekende status '%(status)s' (kies uit: %(choices)s)")
                               % {"status": status, "choices": ", ".join(InstrumentStatus.values)})
        return status


class Option(FileModel):
    value: int
    label: RequiredText

    @field_validator("value")
    @classmethod
    def _not_reserved(cls, value: int) -> int:
        if value in RESERVED_EXPORT_CODES:
            raise file_problem(_("optiewaarde %(value)d is gereserveerd voor 'weet niet' en 'n.v.t.'")
                               % {"value": value})
        return value


class Scale(FileModel):
    code: ScaleCode
    name: RequiredText
    options: Annotated[list[Option], Field(min_length=1)]

    @field_validator("code")
    @classmethod
    def _unique_code(cls, code: str, info: ValidationInfo) -> str:
        seen = _seen(info)
        if code in seen.scales:
            raise file_problem(_("dubbele schaalcode"))
        seen.scales.add(code)
        return code

    @field_validator("options")
    @classmethod
    def _unique_values(cls, options: list[Option]) -> list[Option]:
        values: set[int] = set()
        for option in options:
            if option.value in values:
                raise file_problem(_("dubbele optiewaarde %(value)d") % {"value": option.value})
            values.add(option.value)
        return options


def _scheme_problem(*, code: str, module: str, dimension: str | None) -> str | None:
    scheme = CODE_SCHEMES.get(module)
    if scheme is None:
        if code.startswith(f"{module}.") and OTHER_ITEM_CODE.fullmatch(code):
            return None
        return _("code moet beginnen met de modulecode: '%(prefix)s.'") % {"prefix": module}
    match = scheme.fullmatch(code)
    if not match:
        return (_("code volgt het schema van module %(module)s niet (verwacht %(pattern)s)")
                % {"module": module, "pattern": scheme.pattern})
    group = match.groupdict().get("group")
    if group and dimension is not None and group != dimension:
        return _("code hoort niet bij dimensie %(dimension)s") % {"dimension": dimension}
    return None


def sf_factor_aspect(*, module: str, code: str) -> tuple[str, str] | None:
    """Scoring pairs presence and importance by factor: for success factors both follow from the code."""
    if module == "SF" and CODE_SCHEMES["SF"].fullmatch(code):
        factor, aspect = code.rsplit(".", 1)
        return factor, aspect
    return None


class Item(FileModel):
    code: ItemCode
    factor: Annotated[str, StringConstraints(max_length=20)] = ""
    aspect: Annotated[str, StringConstraints(max_length=20)] = ""
    label: Label
    text: RequiredText
    help: Text = Text()
    scale: str
    flags: Annotated[list[str], Field(json_schema_extra={"items": {"enum": list(ItemFlag.values)}})] = []
    source: CitedSource

    @field_validator("code")
    @classmethod
    def _code_fits(cls, code: str, info: ValidationInfo) -> str:
        seen = _seen(info)
        if code in seen.items:
            raise file_problem(_("dubbele itemcode (codes moeten uniek zijn in het hele bestand)"))
        seen.items.add(code)
        problem = _scheme_problem(code=code, module=seen.module, dimension=seen.dimension) if seen.module else None
        if problem:
            raise file_problem(problem)
        return code

    @field_validator("factor", "aspect")
    @classmethod
    def _derived_from_the_code(cls, value: str, info: ValidationInfo) -> str:
        code, module = info.data.get("code"), _seen(info).module
        derived = sf_factor_aspect(module=module, code=code) if module and code else None
        if derived and value:
            expected = derived[0] if info.field_name == "factor" else derived[1]
            if value != expected:
                raise file_problem(_("'%(name)s' moet %(expected)s zijn")
                                   % {"name": info.field_name, "expected": expected})
        return value

    @field_validator("scale")
    @classmethod
    def _known_scale(cls, scale: str, info: ValidationInfo) -> str:
        if scale not in _seen(info).scales:
            raise file_problem(_("onbekende schaal '%(scale)s'") % {"scale": scale})
        return scale

    @field_validator("flags")
    @classmethod
    def _known_flags(cls, flags: list[str]) -> list[str]:
        for flag in flags:
            if flag not in ItemFlag.values:
                raise file_problem(_("onbekende vlag '%(flag)s' (kies uit: %(choices)s)")
                                   % {"flag": flag, "choices": ", ".join(ItemFlag.values)})
        if len(set(flags)) != len(flags):
            raise file_problem(_("een vlag staat er dubbel in"))
        return flags


class Dimension(FileModel):
    code: DimensionCode
    title: RequiredText
    intro: Text = Text()
    items: Annotated[list[Item], Field(min_length=1)]

    @model_validator(mode="before")
    @classmethod
    def _enter(cls, data: Any, info: ValidationInfo) -> Any:
        _seen(info).dimension = None
        return data

    @field_validator("code")
    @classmethod
    def _unique_code(cls, code: str, info: ValidationInfo) -> str:
        seen = _seen(info)
        if code in seen.dimensions:
            raise file_problem(_("dubbele dimensiecode in deze module"))
        seen.dimensions.add(code)
        seen.dimension = code
        return code


class Module(FileModel):
    code: ModuleCode
    optional: bool = False
    allow_comment: bool = True
    title: RequiredText
    intro: Text = Text()
    higher_means: HigherMeans | None = None
    source: SourceRef | None = None
    dimensions: Annotated[list[Dimension], Field(min_length=1)]

    @model_validator(mode="before")
    @classmethod
    def _enter(cls, data: Any, info: ValidationInfo) -> Any:
        seen = _seen(info)
        seen.module, seen.dimensions = None, set()
        return data

    @field_validator("code")
    @classmethod
    def _unique_code(cls, code: str, info: ValidationInfo) -> str:
        seen = _seen(info)
        if code in seen.modules:
            raise file_problem(_("dubbele modulecode"))
        seen.modules.add(code)
        seen.module = code
        return code


class InstrumentFile(FileModel):
    """One instrument version: ``assessments/instruments/<slug>-v<version>.yaml``."""

    instrument: Header
    scales: Annotated[list[Scale], Field(min_length=1)]
    modules: Annotated[list[Module], Field(min_length=1)]


# --------------------------------------------------------------------------------------------------------
# Reading a file
# --------------------------------------------------------------------------------------------------------


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
    try:
        model = InstrumentFile.model_validate(data, context={})
    except ValidationError as exc:
        raise InstrumentFileError(path, instrument_problems(data=data, error=exc)) from exc
    return _spec(model, path=path, checksum=hashlib.sha256(raw).hexdigest())


def _spec(model: InstrumentFile, *, path: Path, checksum: str) -> InstrumentSpec:
    head = model.instrument
    instrument: dict[str, Any] = {"slug": head.slug, "version": head.version, **head.name.as_fields("name"),
                                  **head.description.as_fields("description")}
    # Only a file that uses a newer key carries it, so that loading an older file with the historical models of
    # its own migration (which lack the field) stays complete.
    if "not_applicable" in head.model_fields_set:
        instrument["offers_not_applicable"] = head.not_applicable
    scales = {
        scale.code: {"fields": {"code": scale.code, **scale.name.as_fields("name")},
                     "options": {option.value: {"order": order, **option.label.as_fields("label")}
                                 for order, option in enumerate(scale.options, start=1)}}
        for scale in model.scales
    }
    modules: dict[str, dict[str, Any]] = {}
    items: dict[str, dict[str, Any]] = {}
    for module_order, module in enumerate(model.modules, start=1):
        modules[module.code] = {
            "fields": {"code": module.code, "order": module_order, "optional": module.optional,
                       "allow_comment": module.allow_comment, **module.title.as_fields("title"),
                       **module.intro.as_fields("intro"),
                       **(module.higher_means.as_fields("higher_means") if module.higher_means else {}),
                       "source": module.source.as_dict() if module.source else {}},
            "dimensions": {dimension.code: {"code": dimension.code, "order": order,
                                            **dimension.title.as_fields("title"),
                                            **dimension.intro.as_fields("intro")}
                           for order, dimension in enumerate(module.dimensions, start=1)},
        }
        for dimension in module.dimensions:
            for item in dimension.items:
                items[item.code] = _item_row(item, module=module.code, dimension=dimension.code,
                                             order=len(items) + 1)
    return InstrumentSpec(path=path, checksum=checksum, slug=head.slug, version=head.version, status=head.status,
                          instrument=instrument, scales=scales, modules=modules, items=items)


def _item_row(item: Item, *, module: str, dimension: str, order: int) -> dict[str, Any]:
    factor, aspect = sf_factor_aspect(module=module, code=item.code) or (item.factor, item.aspect)
    return {
        "code": item.code, "module": module, "dimension": dimension, "scale": item.scale, "order": order,
        "factor": factor, "aspect": aspect, **item.label.as_fields("label"), **item.text.as_fields("text"),
        **item.help.as_fields("help"), "flags": list(item.flags), "source": item.source.as_dict(),
    }


# --------------------------------------------------------------------------------------------------------
# Pydantic's errors as the format's Dutch messages
# --------------------------------------------------------------------------------------------------------

TEXT_FIELDS = {"name", "description", "label", "title", "intro", "higher_means", "text", "help"}
LIST_FIELDS = {"scales", "options", "modules", "dimensions", "items"}
MAPPING = {"model_type", "model_attributes_type", "dict_type"}


def instrument_problems(*, data: Any, error: ValidationError) -> list[tuple[str, str]]:
    """(where, problem) for every error: where names the part of the file ("item KO.1", "schaal presence5")."""
    found: list[tuple[str, str]] = []
    for problem in problems_of(error):
        where, rest = _locate(data, problem.loc)
        found.extend((where, message) for message in _messages(problem, rest))
    return found


def _named(kind: str, node: Any, index: int) -> str:
    code = code_of(node)
    names = {"schaal": (_("schaal %(code)s"), _("schaal %(n)d")),
             "module": (_("module %(code)s"), _("module %(n)d")),
             "dimensie": (_("dimensie %(code)s"), _("dimensie %(n)d")),
             "item": (_("item %(code)s"), _("item %(n)d"))}[kind]
    return names[0] % {"code": code} if code else names[1] % {"n": index + 1}


def _indexed(loc: tuple[str | int, ...], at: int, name: str) -> bool:
    return len(loc) > at + 1 and loc[at] == name and isinstance(loc[at + 1], int)


def _locate(data: Any, loc: tuple[str | int, ...]) -> tuple[str, tuple[str | int, ...]]:
    """The part of the file a path points into, and the rest of the path inside that part."""
    if loc[:1] == ("instrument",):
        return "instrument", loc[1:]
    if _indexed(loc, 0, "scales"):
        where = _named("schaal", node_at(data, loc[:2]), int(loc[1]))
        if _indexed(loc, 2, "options"):
            option = node_at(data, loc[:4])
            value = option.get("value") if isinstance(option, dict) else None
            return f"{where}, {_('optie')} {value if isinstance(value, int) else int(loc[3]) + 1}", loc[4:]
        return where, loc[2:]
    if _indexed(loc, 0, "modules"):
        where = _named("module", node_at(data, loc[:2]), int(loc[1]))
        if not _indexed(loc, 2, "dimensions"):
            return where, loc[2:]
        where = f"{where}, {_named('dimensie', node_at(data, loc[:4]), int(loc[3]))}"
        if not _indexed(loc, 4, "items"):
            return where, loc[4:]
        item = node_at(data, loc[:6])
        return (_named("item", item, int(loc[5])) if code_of(item) else
                f"{where}, {_named('item', item, int(loc[5]))}"), loc[6:]
    return _("bestand"), loc


def _messages(problem: Problem, rest: tuple[str | int, ...]) -> list[str]:
    if problem.kind == FILE_PROBLEM:
        return [problem.ctx["problem"]]
    name = rest[0] if rest else None
    if name in TEXT_FIELDS:
        return _text_messages(problem, str(name), rest[1:])
    if problem.kind == "extra_forbidden":
        return [_("onbekend veld '%(key)s'") % {"key": rest[-1]}]
    if name == "source":
        return [_source_message(problem, rest[1:])]
    if problem.kind == "missing":
        return [_("veld '%(key)s' ontbreekt") % {"key": name}]
    if name is None or problem.kind in MAPPING:
        return [_("verwacht een mapping (sleutel: waarde)")]
    return [FIELD_MESSAGES.get(str(name), _other_message)(problem, rest)]


def _missing_translation(name: str, language: str) -> str:
    return _("vertaling ontbreekt: '%(name)s.%(lang)s' is leeg") % {"name": name, "lang": language}


def _text_messages(problem: Problem, name: str, rest: tuple[str | int, ...]) -> list[str]:
    kind = problem.kind
    if not rest:
        if kind == TRANSLATION_MISSING:
            return [_missing_translation(name, language) for language in problem.ctx["languages"]]
        if kind == "missing":
            return [_("'%(name)s' ontbreekt") % {"name": name}]
        return [_("'%(name)s' moet een vertaling per taal hebben: {nl: ..., en: ...}") % {"name": name}]
    language = str(rest[0])
    if kind == "extra_forbidden":
        return [_("'%(name)s' heeft een onbekende taal '%(lang)s'") % {"name": name, "lang": language}]
    if kind == "too_long":
        return [_("'%(name)s.%(lang)s' is langer dan %(max)d tekens")
                % {"name": name, "lang": language, "max": problem.ctx["max_length"]}]
    if kind in ("missing", "too_short"):
        return [_missing_translation(name, language)]
    return [_("'%(name)s.%(lang)s' moet tekst zijn") % {"name": name, "lang": language}]


def _source_message(problem: Problem, rest: tuple[str | int, ...]) -> str:
    kind = problem.kind
    if not rest:
        return _("bronvermelding 'source' ontbreekt") if kind == "missing" else _(
            "verwacht een mapping (sleutel: waarde)")
    key = str(rest[0])
    if kind == "missing":
        return _("veld '%(key)s' ontbreekt") % {"key": key}
    if key == "file" and kind == "string_type":
        # YAML reads 004 unquoted as the number 4: the seed number would silently change.
        return _("'source.file' moet tekst tussen aanhalingstekens zijn, zoals \"004\"")
    if kind == "too_short":
        return _("'source.%(key)s' is leeg") % {"key": key}
    if kind == "pattern_mismatch":
        return _("'source.lines' moet eruitzien als '2762-2790' of '2808-2810, 2149-2155'")
    if kind == LINE_RANGE_REVERSED:
        return _("'source.lines': het bereik '%(part)s' eindigt voordat het begint") % {"part": problem.ctx["part"]}
    return _("'source.%(key)s' moet tekst zijn") % {"key": key}


def _code_message(problem: Problem, rest: tuple[str | int, ...]) -> str:
    if problem.kind == "too_long":
        return _("code '%(code)s' is langer dan %(max)d tekens") % {"code": problem.input,
                                                                     "max": problem.ctx["max_length"]}
    if problem.kind == "pattern_mismatch":
        return _("modulecode moet uit hoofdletters en cijfers bestaan, beginnend met een letter")
    return _("code ontbreekt of is leeg")


def _list_message(problem: Problem, rest: tuple[str | int, ...]) -> str:
    return _("'%(name)s' moet een niet-lege lijst zijn") % {"name": rest[0]}


def _flags_message(problem: Problem, rest: tuple[str | int, ...]) -> str:
    if len(rest) > 1:
        return (_("onbekende vlag '%(flag)s' (kies uit: %(choices)s)")
                % {"flag": problem.input, "choices": ", ".join(ItemFlag.values)})
    return _("'flags' moet een lijst zijn")


def _text_field_message(problem: Problem, rest: tuple[str | int, ...]) -> str:
    if problem.kind == "too_long":
        return _("'%(name)s' is langer dan %(max)d tekens") % {"name": rest[0], "max": problem.ctx["max_length"]}
    return _("'%(name)s' moet tekst zijn") % {"name": rest[0]}


def _other_message(problem: Problem, rest: tuple[str | int, ...]) -> str:
    if problem.kind == "bool_type":
        return _("'%(key)s' moet true of false zijn") % {"key": rest[0]}
    return _("'%(key)s' is ongeldig: %(detail)s") % {"key": ".".join(map(str, rest)), "detail": problem.message}


FIELD_MESSAGES: dict[str, Callable[[Problem, tuple[str | int, ...]], str]] = {
    "code": _code_message,
    "flags": _flags_message,
    "factor": _text_field_message,
    "aspect": _text_field_message,
    "slug": lambda problem, rest: _("'slug' moet bestaan uit kleine letters, cijfers en streepjes"),
    "version": lambda problem, rest: _("'version' moet een geheel getal vanaf 1 zijn"),
    "value": lambda problem, rest: _("optiewaarde %(value)r is geen geheel getal") % {"value": problem.input},
    "scale": lambda problem, rest: _("onbekende schaal '%(scale)s'") % {"scale": problem.input},
    "status": lambda problem, rest: (_("onbekende status '%(status)s' (kies uit: %(choices)s)")
                                     % {"status": problem.input, "choices": ", ".join(InstrumentStatus.values)}),
    **dict.fromkeys(LIST_FIELDS, _list_message),
}


def instrument_json_schema() -> dict[str, Any]:
    """The JSON Schema of an instrument file (docs/instrument.schema.json), for editors that check YAML."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **InstrumentFile.model_json_schema(),
            "title": "Ketenregie instrument file",
            "description": "One version of the questionnaire: assessments/instruments/<slug>-v<version>.yaml "
                           "(docs/instrument-format.md)."}
