"""Cached PDF reports: one file per round and language, replaced when its inputs change."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from rounds.models import Round


class ReportFile(models.Model):
    """A rendered network report.

    ``cache_key`` digests every input that changes the PDF (answers, round status, names, the scoring,
    advice and layout versions, earlier rounds; see ``reports.selectors.report_cache_key``). The bytes
    live in the database so that a cached file and its key are written in one transaction and no orphan
    files are left behind; there are at most two rows per round.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="report_files")
    language = models.CharField(max_length=8)
    cache_key = models.CharField(max_length=64)
    answers_changed_at = models.DateTimeField(null=True, blank=True)
    scoring_version = models.PositiveIntegerField()
    advice_version = models.PositiveIntegerField()
    layout_version = models.PositiveIntegerField()
    pdf = models.BinaryField()
    size = models.PositiveIntegerField(default=0)
    render_seconds = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rapportbestand")
        verbose_name_plural = _("rapportbestanden")
        constraints = [
            models.UniqueConstraint(fields=["round", "language"], name="report_file_unique_per_language"),
        ]

    def __str__(self) -> str:
        return f"report {self.round_id} ({self.language})"
