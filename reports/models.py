"""Cached PDF reports: one file per round and language, replaced when its inputs change."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from rounds.models import Round


class RenderedPdf(models.Model):
    """What every kept PDF has (network report, personal report, workshop pack): its language, the digest of
    everything it was made from, the bytes and how long they took to make."""

    language = models.CharField(max_length=8)
    cache_key = models.CharField(max_length=64)
    pdf = models.BinaryField()
    size = models.PositiveIntegerField(default=0)
    render_seconds = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def pdf_replace(self, *, pdf: bytes, cache_key: str, seconds: float) -> None:
        """Keep new bytes made from new inputs: validated and saved (the caller holds the row's lock)."""
        self.cache_key = cache_key
        self.pdf = pdf
        self.size = len(pdf)
        self.render_seconds = float(f"{seconds:.3f}")
        self.full_clean()
        self.save()


class ReportFile(RenderedPdf):
    """A rendered network report.

    ``cache_key`` digests every input that changes the PDF (answers, round status, names, the scoring,
    advice and layout versions, earlier rounds; see ``reports.selectors.report_cache_key``). The bytes
    live in the database so that a cached file and its key are written in one transaction and no orphan
    files are left behind; there are at most two rows per round.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="report_files")
    answers_changed_at = models.DateTimeField(null=True, blank=True)
    scoring_version = models.PositiveIntegerField()
    advice_version = models.PositiveIntegerField()
    layout_version = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("rapportbestand")
        verbose_name_plural = _("rapportbestanden")
        constraints = [
            models.UniqueConstraint(fields=["round", "language"], name="report_file_unique_per_language"),
        ]

    def __str__(self) -> str:
        return f"report {self.round_id} ({self.language})"


class PersonalReportFile(RenderedPdf):
    """A rendered personal report, kept like the network report: one per response and language, replaced when
    its ``cache_key`` (the network report's inputs plus this response) changes. Only its owner is served it."""

    response = models.ForeignKey("rounds.Response", on_delete=models.CASCADE, related_name="report_files")

    class Meta:
        verbose_name = _("persoonlijk rapportbestand")
        verbose_name_plural = _("persoonlijke rapportbestanden")
        constraints = [
            models.UniqueConstraint(fields=["response", "language"], name="personal_report_file_unique_per_language"),
        ]

    def __str__(self) -> str:
        return f"personal report {self.response_id} ({self.language})"


class RenderKind(models.TextChoices):
    NETWORK = "network", _("netwerkrapport")
    PERSONAL = "personal", _("persoonlijk rapport")
    PACK = "pack", _("werkmap bijeenkomst")


class RenderStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RUNNING = "running", _("wordt gemaakt")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


class ReportRender(models.Model):
    """One request to a worker to render one version of a report.

    The unique ``job_key`` (kind, round or response, language, cache key) makes it one render per report
    version however many people ask at once: the first request creates the row and queues the job, the others
    find the row and wait for the same file. The workshop pack (``improvement.pack``) is rendered the same way.
    """

    job_key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=RenderKind.choices)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="report_renders")
    response = models.ForeignKey("rounds.Response", on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="report_renders")
    language = models.CharField(max_length=8)
    cache_key = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=RenderStatus.choices, default=RenderStatus.QUEUED)
    timed_out = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    requests = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rapportopdracht")
        verbose_name_plural = _("rapportopdrachten")

    def __str__(self) -> str:
        return f"{self.kind} report render {self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        percents: dict[str, int] = {RenderStatus.QUEUED: 10, RenderStatus.RUNNING: 50}
        return percents.get(self.status, 100)
