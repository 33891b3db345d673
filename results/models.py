"""An import of paper responses that a worker carries out after the upload page has checked the file."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rounds.models import Round


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


class ImportJob(models.Model):
    """One checked upload: the file waits here (``payload``) until a worker has imported it, then it is emptied."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    language = models.CharField(max_length=8, default="nl")
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    payload = models.TextField(blank=True, editable=False)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    answers = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"import {self.pk} into {self.round_id} ({self.status})"

    @property
    def percent(self) -> int:
        return 100 if self.status == ImportStatus.DONE else (100 * self.done // self.total if self.total else 0)

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
