"""Receivers: consent history for every change of a network's consent, a score-snapshot task when a round closes.

Both hook the models rather than the views, so changes through the admin, a command or a future view are
caught too (the same reasoning as audit/signals.py).
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from networks.models import Network
from networks.signals import research_consent_change
from rounds.models import Round, RoundStatus

from .services import consent_event_record


@receiver(post_save, sender=Network, dispatch_uid="research_network_post_save")
def record_consent_change(sender, instance: Network, created: bool, raw=False, **kwargs) -> None:
    if raw:
        return
    changed, _old = research_consent_change(network=instance, created=created)
    if changed:
        consent_event_record(network=instance, granted=instance.research_consent,
                             user=instance.research_consent_by, at=instance.research_consent_at)


@receiver(post_save, sender=Round, dispatch_uid="research_round_post_save")
def refresh_snapshot_on_close(sender, instance: Round, created: bool, raw=False, update_fields=None,
                              **kwargs) -> None:
    # A reopened round keeps its old snapshot: exports and benchmarks only read closed rounds, and closing it
    # again replaces it.
    if raw or instance.status != RoundStatus.CLOSED or (update_fields is not None and "status" not in update_fields):
        return
    round_pk = instance.pk
    # A worker stores the scores (scoring a large round must not hold up the request that closed it), queued
    # after commit: the answers are final then, and a failing queue must never undo the closing. The daily job
    # score_snapshots (research.tasks) catches up on any round this missed.
    transaction.on_commit(lambda: _snapshot_task_enqueue(round_pk=round_pk), robust=True)


def _snapshot_task_enqueue(*, round_pk: int) -> None:
    from .tasks import round_score_snapshot_refresh_job

    round_score_snapshot_refresh_job.enqueue(round_id=round_pk)
