from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """One run of a scheduled job for one period (a day): the unique row is the claim that lets only one worker
    of however many run it (core.scheduling)."""

    job = models.CharField(_("taak"), max_length=60)
    period = models.CharField(_("periode"), max_length=20)
    claimed_by = models.CharField(_("uitgevoerd door"), max_length=120, blank=True)
    started_at = models.DateTimeField(_("gestart"))
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    result = models.CharField(_("resultaat"), max_length=500, blank=True)
    error = models.TextField(_("fout"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("geplande taak")
        verbose_name_plural = _("geplande taken")
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="scheduled_run_once_per_period")]

    def __str__(self) -> str:
        return f"{self.job} {self.period}"
