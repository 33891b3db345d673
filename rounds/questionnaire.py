"""The page structure of a round's questionnaire, and the respondent-side reads that go with it.

Which pages a round has follows from its instrument and the optional modules switched on:

* modules in module order: the instrument's non-optional modules plus the round's optional ones;
* a non-optional module with several dimensions (SF: the areas, MK: the phases and the phase claim)
  gets one page per dimension, keyed ``<module>-<dimension>`` (``SF-K``, ``MK-2``, ``MK-claim``);
* every other module (KO, the optional modules) is one page keyed by its code (``KO``, ``KW``).

Keys are built from instrument codes, which are stable across versions, so a respondent's
``last_page`` and the page revision counters stay meaningful. The whole structure is built with a
constant number of queries (modules, dimensions, items with their scales, scale options), whatever
the size of the instrument, and kept per process: a request pays only the modules query.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from django.utils.translation import gettext as _

from assessments.models import Dimension, Item, Module, ScaleOption
from core.i18n import language_code

from .models import NOT_APPLICABLE, Answer, PageState, Response, Round, StoredAnswer, answer_from_row

# The form value of "weet niet" (instrument version 1: the combined "weet niet / n.v.t."); stored as Answer.value
# NULL, never as a number. "Niet van toepassing" (version 2 onwards) has the form value NOT_APPLICABLE ("na"),
# which is also its marker in answer dicts; it is stored as value NULL with Answer.not_applicable set.
DONT_KNOW = "dk"
COMMENT_MAX_LENGTH = 2000

__all__ = ["DONT_KNOW", "NOT_APPLICABLE", "StoredAnswer"]


def dont_know_label(*, offers_not_applicable: bool) -> str:
    """The label of the "weet niet" answer: on its own, or combined with n.v.t. as in instrument version 1."""
    return _("Weet niet") if offers_not_applicable else _("Weet niet / n.v.t.")


def not_applicable_label() -> str:
    return _("Niet van toepassing")


@dataclass(frozen=True)
class Option:
    value: int
    label: str


@dataclass(frozen=True)
class PageItem:
    id: int
    code: str
    factor: str
    label: str
    text: str
    help: str
    options: tuple[Option, ...]
    flags: tuple[str, ...]
    offers_not_applicable: bool = False

    @property
    def field_name(self) -> str:
        return f"item-{self.code}"

    @property
    def dom_id(self) -> str:
        # Item codes contain dots, which would need escaping in CSS selectors and JS lookups.
        return "q-" + self.code.replace(".", "_")

    @property
    def values(self) -> frozenset[int]:
        return frozenset(option.value for option in self.options)

    def accepts(self, value: StoredAnswer) -> bool:
        """Whether ``value`` may be stored for this item: a scale value, None (weet niet) or, where offered, n.v.t."""
        if value is None:
            return True
        if value == NOT_APPLICABLE:
            return self.offers_not_applicable
        return isinstance(value, int) and not isinstance(value, bool) and value in self.values

    def option_label(self, value: StoredAnswer) -> str:
        if value is None:
            return dont_know_label(offers_not_applicable=self.offers_not_applicable)
        if value == NOT_APPLICABLE:
            return not_applicable_label()
        for option in self.options:
            if option.value == value:
                return option.label
        return str(value)


@dataclass(frozen=True)
class ItemGroup:
    """Consecutive items of one factor (SF asks presence and importance of each factor)."""

    heading: str
    items: tuple[PageItem, ...]


@dataclass(frozen=True)
class Page:
    key: str
    number: int  # 1-based position in the questionnaire
    module_code: str
    module_title: str
    title: str  # the dimension's title, or the module's for a whole-module page
    intro: str
    module_intro: str
    part: int  # 1-based position within its module
    parts: int  # number of pages of its module
    allow_comment: bool
    items: tuple[PageItem, ...]

    @property
    def is_first_of_module(self) -> bool:
        return self.part == 1

    @property
    def heading(self) -> str:
        if self.title and self.title != self.module_title:
            return f"{self.module_title}: {self.title}"
        return self.module_title

    @property
    def item_codes(self) -> frozenset[str]:
        return frozenset(item.code for item in self.items)

    @property
    def groups(self) -> list[ItemGroup]:
        groups: list[ItemGroup] = []
        for item in self.items:
            if item.factor and groups and groups[-1].items[0].factor == item.factor:
                groups[-1] = ItemGroup(heading=groups[-1].heading, items=(*groups[-1].items, item))
            else:
                groups.append(ItemGroup(heading=item.label if item.factor else "", items=(item,)))
        return groups


@dataclass(frozen=True)
class ModuleSection:
    code: str
    title: str
    pages: tuple[Page, ...]


@dataclass(frozen=True)
class Questionnaire:
    pages: tuple[Page, ...]
    sections: tuple[ModuleSection, ...]
    _by_key: Mapping[str, Page] = field(repr=False, compare=False)
    _by_code: Mapping[str, tuple[Page, PageItem]] = field(repr=False, compare=False)
    # Instrument version 2 onwards: every closed item offers "weet niet" and "niet van toepassing" apart.
    offers_not_applicable: bool = False

    def __len__(self) -> int:
        return len(self.pages)

    @property
    def first(self) -> Page | None:
        return self.pages[0] if self.pages else None

    def page(self, key: str) -> Page | None:
        return self._by_key.get(key)

    def previous(self, page: Page) -> Page | None:
        return self.pages[page.number - 2] if page.number > 1 else None

    def next(self, page: Page) -> Page | None:
        return self.pages[page.number] if page.number < len(self.pages) else None

    def locate(self, code: str) -> tuple[Page, PageItem] | None:
        """The page and item for an item code, or None when the code is not in this questionnaire."""
        return self._by_code.get(code)

    @property
    def item_count(self) -> int:
        return len(self._by_code)


def _rows(queryset, *fields: str) -> list[dict]:
    return list(queryset.values("pk", *fields))


def _tr(row: dict, field: str, lang: str) -> str:
    """The row's text in the active language, falling back to Dutch (as core.i18n.localized does)."""
    return row.get(f"{field}_{lang}") or row.get(f"{field}_nl") or ""


# Built questionnaires by (active module ids, instrument content stamp, language). The structure is immutable
# and an instrument's content only changes through writes that re-stamp it (assessments.models
# instrument_content_changed, the loader's save of the instrument), so an entry never goes stale: an edit gives
# a new key in every process. Bounded, as instruments, module choices and languages are few.
_BUILT: OrderedDict[tuple, Questionnaire] = OrderedDict()
_BUILT_MAX = 64
_BUILT_LOCK = threading.Lock()


def questionnaire_for_round(*, round: Round) -> Questionnaire:
    """Pages of a round in order: one query for the round's modules, three more when this structure was not
    built before in this process (dimensions, items, scale options), whatever the size of the instrument.
    """
    lang = language_code()
    modules = _rows(
        Module.objects.active_in(round).order_by("order", "pk"),
        "code", "optional", "allow_comment", "title_nl", "title_en", "intro_nl", "intro_en",
        "instrument__offers_not_applicable", "instrument__loaded_at",
    )
    key = (tuple(m["pk"] for m in modules), tuple(m["instrument__loaded_at"] for m in modules[:1]), lang)
    with _BUILT_LOCK:
        built = _BUILT.get(key)
        if built is not None:
            _BUILT.move_to_end(key)
            return built
    built = _questionnaire_build(modules=modules, lang=lang)
    with _BUILT_LOCK:
        _BUILT[key] = built
        while len(_BUILT) > _BUILT_MAX:
            _BUILT.popitem(last=False)
    return built


def _questionnaire_build(*, modules: list[dict], lang: str) -> Questionnaire:
    """Reads plain rows (``values()``) rather than model instances: building ~100 items with their scale options
    as models costs more than the rest of a request."""
    offers_not_applicable = any(m["instrument__offers_not_applicable"] for m in modules)
    dimensions = _rows(
        Dimension.objects.filter(module_id__in=[m["pk"] for m in modules]).order_by("order", "pk"),
        "module_id", "code", "title_nl", "title_en", "intro_nl", "intro_en",
    )
    items = _rows(
        Item.objects.filter(dimension_id__in=[d["pk"] for d in dimensions]).order_by("order", "pk"),
        "dimension_id", "scale_id", "code", "factor", "label_nl", "label_en", "text_nl", "text_en", "help_nl",
        "help_en", "flags",
    )
    options_by_scale: dict[int, list[Option]] = defaultdict(list)
    for option in ScaleOption.objects.filter(scale_id__in={i["scale_id"] for i in items}).order_by(
            "order", "value").values("scale_id", "value", "label_nl", "label_en"):
        options_by_scale[option["scale_id"]].append(Option(value=option["value"],
                                                           label=_tr(dict(option), "label", lang)))
    items_by_dimension: dict[int, list[PageItem]] = defaultdict(list)
    for row in items:
        items_by_dimension[row["dimension_id"]].append(PageItem(
            id=row["pk"], code=row["code"], factor=row["factor"], label=_tr(row, "label", lang),
            text=_tr(row, "text", lang), help=_tr(row, "help", lang),
            options=tuple(options_by_scale[row["scale_id"]]), flags=tuple(row["flags"] or ()),
            offers_not_applicable=offers_not_applicable,
        ))
    dimensions_by_module: dict[int, list[dict]] = defaultdict(list)
    for row in dimensions:
        if items_by_dimension[row["pk"]]:
            dimensions_by_module[row["module_id"]].append(row)

    pages: list[Page] = []
    sections: list[ModuleSection] = []
    for module in modules:
        module_dimensions = dimensions_by_module[module["pk"]]
        if not module_dimensions:
            continue
        module_title = _tr(module, "title", lang)
        if module["optional"] or len(module_dimensions) == 1:
            intro = _tr(module_dimensions[0], "intro", lang) if len(module_dimensions) == 1 else ""
            parts = [(module["code"], module_title, intro,
                      [item for d in module_dimensions for item in items_by_dimension[d["pk"]]])]
        else:
            parts = [(f"{module['code']}-{d['code']}", _tr(d, "title", lang), _tr(d, "intro", lang),
                      items_by_dimension[d["pk"]]) for d in module_dimensions]
        module_pages = tuple(
            Page(key=key, number=len(pages) + index + 1, module_code=module["code"], module_title=module_title,
                 title=title, intro=intro, module_intro=_tr(module, "intro", lang) if index == 0 else "",
                 part=index + 1, parts=len(parts), allow_comment=module["allow_comment"], items=tuple(page_items))
            for index, (key, title, intro, page_items) in enumerate(parts)
        )
        pages.extend(module_pages)
        sections.append(ModuleSection(code=module["code"], title=module_title, pages=module_pages))
    by_key = {page.key: page for page in pages}
    by_code = {item.code: (page, item) for page in pages for item in page.items}
    return Questionnaire(pages=tuple(pages), sections=tuple(sections), _by_key=MappingProxyType(by_key),
                         _by_code=MappingProxyType(by_code),
                         offers_not_applicable=offers_not_applicable)


# --- Respondent-side reads ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageData:
    """What is stored for one page of one response."""

    values: dict[str, StoredAnswer]  # item code -> value (None: weet niet; NOT_APPLICABLE); unanswered: absent
    comment: str
    revision: int
    saved_at: datetime | None


def page_data_get(*, response: Response, page: Page) -> PageData:
    """Stored answers, comment and revision of one page: two queries, whatever the item count."""
    codes_by_id = {item.id: item.code for item in page.items}
    rows = Answer.objects.filter(response=response, item_id__in=codes_by_id).values_list(
        "item_id", "value", "not_applicable")
    state = PageState.objects.filter(response=response, page=page.key).first()
    return PageData(
        values={codes_by_id[item_id]: answer_from_row(value=value, not_applicable=na) for item_id, value, na in rows},
        comment=state.comment if state else "",
        revision=state.revision if state else 0,
        saved_at=state.updated_at if state else None,
    )


def response_values(*, response: Response, questionnaire: Questionnaire) -> dict[str, StoredAnswer]:
    """All stored answers of a response by item code, limited to the items of this questionnaire."""
    ids = {item.id: item.code for page in questionnaire.pages for item in page.items}
    rows = Answer.objects.filter(response=response).values_list("item_id", "value", "not_applicable")
    return {ids[item_id]: answer_from_row(value=value, not_applicable=na)
            for item_id, value, na in rows if item_id in ids}


@dataclass(frozen=True)
class PageProgress:
    page: Page
    answered: int
    dont_know: int
    not_applicable: int = 0

    @property
    def total(self) -> int:
        return len(self.page.items)

    @property
    def unanswered(self) -> int:
        return self.total - self.answered

    @property
    def complete(self) -> bool:
        return self.answered == self.total


def progress_per_page(*, questionnaire: Questionnaire, values: dict[str, StoredAnswer]) -> list[PageProgress]:
    """Answered ("weet niet" and "n.v.t." count as answers) and unanswered items per page."""
    return [
        PageProgress(
            page=page,
            answered=sum(1 for item in page.items if item.code in values),
            dont_know=sum(1 for item in page.items if item.code in values and values[item.code] is None),
            not_applicable=sum(1 for item in page.items if values.get(item.code) == NOT_APPLICABLE),
        )
        for page in questionnaire.pages
    ]


@dataclass(frozen=True)
class OverviewLine:
    item: PageItem
    answered: bool
    value: StoredAnswer
    answer_label: str


@dataclass(frozen=True)
class OverviewSection:
    code: str
    title: str
    lines: tuple[OverviewLine, ...]
    comments: tuple[str, ...]


def overview_sections(*, questionnaire: Questionnaire, values: dict[str, StoredAnswer],
                      comments: dict[str, str]) -> list[OverviewSection]:
    """A respondent's own answers per module: item label and the chosen option's label."""
    sections = []
    for section in questionnaire.sections:
        lines = []
        for page in section.pages:
            for item in page.items:
                answered = item.code in values
                value = values.get(item.code)
                lines.append(OverviewLine(
                    item=item, answered=answered, value=value,
                    answer_label=item.option_label(value) if answered else _("Niet beantwoord"),
                ))
        texts = tuple(comments[p.key] for p in section.pages if comments.get(p.key))
        sections.append(OverviewSection(code=section.code, title=section.title, lines=tuple(lines), comments=texts))
    return sections


def page_comments(*, response: Response, keys: Iterable[str]) -> dict[str, str]:
    return dict(
        PageState.objects.filter(response=response, page__in=list(keys)).exclude(comment="")
        .values_list("page", "comment")
    )
