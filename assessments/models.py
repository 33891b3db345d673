"""The instrument: versioned, bilingual questionnaire definitions loaded from `assessments/instruments/*.yaml`.

A version that has answers is locked: its content can no longer change, a new version is made instead.
"""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import LocalizedMixin


class InstrumentStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    PUBLISHED = "published", _("Gepubliceerd")
    RETIRED = "retired", _("Buiten gebruik")


class ItemFlag(models.TextChoices):
    CRITICAL = "critical", _("Kritische succesfactor")
    PRECONDITION = "precondition", _("Randvoorwaarde")
    REVERSE = "reverse", _("Omgekeerd gescoord")
    EXTRA = "extra", _("Aanvullende factor uit de praktijk")


# Exports code an explicit "weet niet" answer (stored as NULL; in version 1 the combined "weet niet / n.v.t.")
# with this value, so that researchers can tell it apart from an unanswered item (empty). Scales may not use it.
# See docs/codebook.md.
DONT_KNOW_EXPORT_CODE = -9
# Exports code "niet van toepassing" (instrument versions that offer it apart, stored as NULL with
# Answer.not_applicable) with this value. Scales may not use it either.
NOT_APPLICABLE_EXPORT_CODE = -8
RESERVED_EXPORT_CODES = (DONT_KNOW_EXPORT_CODE, NOT_APPLICABLE_EXPORT_CODE)


class InstrumentLockedError(ValidationError):
    """Raised when content of an instrument version that already has answers would change."""


def instrument_has_answers(instrument_id: int | None) -> bool:
    if instrument_id is None:
        return False
    # Through the reverse relation of the answers' item key: the instrument app does not import the rounds app.
    return Item.objects.filter(instrument_id=instrument_id, answers__isnull=False).exists()


def _locked_error(instrument_id: int) -> InstrumentLockedError:
    instrument = Instrument.objects.filter(pk=instrument_id).first()
    return InstrumentLockedError(
        _("%(instrument)s heeft al antwoorden en is vergrendeld: de inhoud kan niet meer veranderen. "
          "Maak een nieuwe versie van de vragenlijst.") % {"instrument": instrument or instrument_id},
        code="locked",
    )


if TYPE_CHECKING:
    # For the type checker the mixin is the model it is mixed into; at run time a plain class.
    _LockedContentBase = models.Model
else:
    _LockedContentBase = object


class LockedContentMixin(_LockedContentBase):
    """Content rows of a locked version refuse save() and delete().

    Bulk writes bypass these methods; the loader, the only bulk writer, checks the lock itself.
    """

    # Path from the row to its instrument id, e.g. "scale__instrument_id".
    instrument_lookup = "instrument_id"

    def _instrument_ids(self) -> set[int]:
        """The instrument the row belongs to now, and the one it belonged to before (a move changes both)."""
        ids = set()
        if "__" in self.instrument_lookup:
            parent_field, _rest = self.instrument_lookup.split("__", 1)
            parent = getattr(self, parent_field, None)
            if parent is not None:
                ids.add(parent.instrument_id)
        else:
            ids.add(getattr(self, self.instrument_lookup))
        if self.pk is not None:
            stored = (type(self)._default_manager.filter(pk=self.pk)
                      .values_list(self.instrument_lookup, flat=True).first())
            ids.add(stored)
        return {i for i in ids if i is not None}

    def _refuse_if_locked(self) -> set[int]:
        """The instruments this write touches (``_instrument_ids``), after refusing it if one is locked."""
        ids = self._instrument_ids()
        for instrument_id in ids:
            if instrument_has_answers(instrument_id):
                raise _locked_error(instrument_id)
        return ids

    def save(self, *args, **kwargs):
        ids = self._refuse_if_locked()
        result = super().save(*args, **kwargs)
        instrument_content_changed(instrument_ids=ids)
        return result

    def delete(self, *args, **kwargs):
        ids = self._refuse_if_locked()
        result = super().delete(*args, **kwargs)
        instrument_content_changed(instrument_ids=ids)
        return result


def instrument_content_changed(*, instrument_ids: set[int]) -> None:
    """Stamp the instruments whose content changed: ``loaded_at`` keys the cached questionnaire structure
    (rounds.questionnaire), so every process builds it anew after an edit, whichever process made it."""
    if instrument_ids:
        Instrument.objects.filter(pk__in=instrument_ids).update(loaded_at=timezone.now())


class InstrumentQuerySet(models.QuerySet):
    def published(self) -> "InstrumentQuerySet":
        return self.filter(status=InstrumentStatus.PUBLISHED)

    def latest_published(self, slug: str = "ketenregie") -> "Instrument | None":
        return self.published().filter(slug=slug).order_by("-version").first()


class Instrument(LocalizedMixin, models.Model):
    slug = models.SlugField(max_length=60)
    version = models.PositiveIntegerField()
    name_nl = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    description_nl = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=InstrumentStatus.choices, default=InstrumentStatus.PUBLISHED)
    source_file = models.CharField(max_length=200, blank=True)
    checksum = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the loaded file")
    # Version 1 offers one combined "weet niet / n.v.t." answer; from version 2 every closed item offers
    # "weet niet" (a knowledge gap) and "niet van toepassing" (left out of the denominator) apart.
    offers_not_applicable = models.BooleanField(
        default=False, db_default=False, help_text="Closed items offer 'niet van toepassing' apart from 'weet niet'.")
    loaded_at = models.DateTimeField(auto_now=True)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["slug", "-version"]
        verbose_name = _("vragenlijstversie")
        verbose_name_plural = _("vragenlijstversies")
        constraints = [models.UniqueConstraint(fields=["slug", "version"], name="instrument_unique_version")]

    # Status, checksum and load bookkeeping may change on a locked version (e.g. retiring it); these may not.
    CONTENT_FIELDS = ("slug", "version", "name_nl", "name_en", "description_nl", "description_en",
                      "offers_not_applicable")

    def __str__(self) -> str:
        return f"{self.tr('name')} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = Instrument.objects.filter(pk=self.pk).values(*self.CONTENT_FIELDS).first()
            changed = stored and any(stored[f] != getattr(self, f) for f in self.CONTENT_FIELDS)
            if changed and self.is_locked:
                raise _locked_error(self.pk)
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_locked:
            raise _locked_error(self.pk)
        return super().delete(*args, **kwargs)

    @property
    def is_locked(self) -> bool:
        return instrument_has_answers(self.pk)


class Scale(LockedContentMixin, LocalizedMixin, models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="scales")
    code = models.CharField(max_length=40)
    name_nl = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("antwoordschaal")
        verbose_name_plural = _("antwoordschalen")
        ordering = ["instrument", "code"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"], name="scale_unique_code")]

    def __str__(self) -> str:
        return self.code


class ScaleOption(LockedContentMixin, LocalizedMixin, models.Model):
    instrument_lookup = "scale__instrument_id"

    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="options")
    value = models.IntegerField()
    label_nl = models.CharField(max_length=200)
    label_en = models.CharField(max_length=200)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("antwoordoptie")
        verbose_name_plural = _("antwoordopties")
        ordering = ["scale", "order"]
        constraints = [models.UniqueConstraint(fields=["scale", "value"], name="scale_option_unique_value")]

    def __str__(self) -> str:
        return f"{self.value} {self.label_nl}"


class ModuleQuerySet(models.QuerySet):
    def active_in(self, round) -> "ModuleQuerySet":
        """The modules a round asks: its instrument's mandatory modules plus the optional ones switched on."""
        return self.filter(instrument_id=round.instrument_id).filter(
            models.Q(optional=False) | models.Q(pk__in=round.optional_modules.values("pk")))


class ItemQuerySet(models.QuerySet):
    def active_in(self, round) -> "ItemQuerySet":
        """The items of the modules a round asks (``ModuleQuerySet.active_in``)."""
        return self.filter(instrument_id=round.instrument_id).filter(
            models.Q(dimension__module__optional=False)
            | models.Q(dimension__module__in=round.optional_modules.values("pk")))


class Module(LockedContentMixin, LocalizedMixin, models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="modules")
    code = models.CharField(max_length=10)
    optional = models.BooleanField(default=False)
    allow_comment = models.BooleanField(default=True)
    title_nl = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    intro_nl = models.TextField(blank=True)
    intro_en = models.TextField(blank=True)
    # What a higher score of this module means where that is not "better", e.g. "hoger = complexer" (CX).
    higher_means_nl = models.CharField(max_length=80, blank=True, default="", db_default="")
    higher_means_en = models.CharField(max_length=80, blank=True, default="", db_default="")
    source = models.JSONField(default=dict, blank=True)
    order = models.PositiveIntegerField(default=0)

    objects = ModuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"], name="module_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.tr('title')}"


class Dimension(LockedContentMixin, LocalizedMixin, models.Model):
    instrument_lookup = "module__instrument_id"

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="dimensions")
    code = models.CharField(max_length=20)
    title_nl = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    intro_nl = models.TextField(blank=True)
    intro_en = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")
        ordering = ["module", "order"]
        constraints = [models.UniqueConstraint(fields=["module", "code"], name="dimension_unique_code")]

    def __str__(self) -> str:
        return f"{self.module.code}.{self.code} {self.tr('title')}"


class Item(LockedContentMixin, LocalizedMixin, models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="items")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="items")
    # RESTRICT, not PROTECT: a scale in use cannot be deleted on its own, but deleting a whole version may.
    scale = models.ForeignKey(Scale, on_delete=models.RESTRICT, related_name="items")
    code = models.CharField(max_length=40)
    factor = models.CharField(max_length=20, blank=True)
    aspect = models.CharField(max_length=20, blank=True)
    label_nl = models.CharField(max_length=120)
    label_en = models.CharField(max_length=120)
    text_nl = models.TextField()
    text_en = models.TextField()
    help_nl = models.TextField(blank=True)
    help_en = models.TextField(blank=True)
    flags = models.JSONField(default=list, blank=True)
    source = models.JSONField(default=dict)
    order = models.PositiveIntegerField(default=0)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"], name="item_unique_code")]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        errors = {}
        if self.dimension_id and self.instrument_id and self.dimension.module.instrument_id != self.instrument_id:
            errors["dimension"] = _("De dimensie hoort bij een andere vragenlijstversie.")
        if self.scale_id and self.instrument_id and self.scale.instrument_id != self.instrument_id:
            errors["scale"] = _("De schaal hoort bij een andere vragenlijstversie.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_critical(self) -> bool:
        return ItemFlag.CRITICAL in self.flags

    @property
    def is_precondition(self) -> bool:
        return ItemFlag.PRECONDITION in self.flags

    @property
    def is_reverse(self) -> bool:
        return ItemFlag.REVERSE in self.flags

    def source_reference(self) -> str:
        src = self.source or {}
        parts = [f"seed {src.get('file', '?')}"]
        if src.get("section"):
            parts.append(f"§{src['section']}")
        if src.get("lines"):
            parts.append(f"r. {src['lines']}")
        return ", ".join(parts)
