"""A network's research consent as it was before a save, read once for every app that reacts to a change.

The audit trail and the research consent history both need to know whether a save changed the consent;
one receiver reads the old value (one query), and each app's post_save asks `research_consent_change`.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import Network

_OLD_CONSENT = "_old_research_consent"


@receiver(pre_save, sender=Network, dispatch_uid="networks_network_remember_old_consent")
def remember_old_consent(sender, instance: Network, raw=False, update_fields=None, **kwargs) -> None:
    setattr(instance, _OLD_CONSENT, None)
    if raw or instance.pk is None or (update_fields is not None and "research_consent" not in update_fields):
        return
    setattr(instance, _OLD_CONSENT,
            Network.objects.filter(pk=instance.pk).values_list("research_consent", flat=True).first())


def research_consent_change(*, network: Network, created: bool) -> tuple[bool, bool | None]:
    """Whether the save that just happened changed the consent, and the value before it (None when new)."""
    old = getattr(network, _OLD_CONSENT, None)
    changed = network.research_consent if created else (old is not None and old != network.research_consent)
    return bool(changed), old
