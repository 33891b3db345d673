"""Builds a small scored network for the backup tests; importable from a subprocess (no pytest fixtures)."""

import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from assessments.models import Dimension, Instrument, Item, Module, Scale, ScaleOption
from audit.models import AuditAction
from audit.services import audit_record
from networks.models import Membership, Network, Organisation, Partnership, PlatformRole, Sector
from rounds.models import Answer, Invitation, PageState, Response, Round, RoundStatus

ANSWER_COUNT = 12


def build_scored_network() -> Round:
    """A network with a closed round and three submitted responses: the kind of data a backup must not lose."""
    tag = uuid.uuid4().hex[:8]
    network = Network.objects.create(name=f"Backupnetwerk {tag}", slug=f"backup-{tag}", research_consent=True)
    organisation = Organisation.objects.create(name=f"Stichting Één {tag}", sector=Sector.YOUTH_CARE)
    Partnership.objects.create(network=network, organisation=organisation, roles=["ketenpartner"])
    instrument = Instrument.objects.create(slug=f"backup-{tag}", version=1, name_nl="Test", name_en="Test")
    scale = Scale.objects.create(instrument=instrument, code="presence5", name_nl="Schaal", name_en="Scale")
    for value in range(1, 6):
        ScaleOption.objects.create(scale=scale, value=value, label_nl=f"{value}", label_en=f"{value}", order=value)
    module = Module.objects.create(instrument=instrument, code="SF", title_nl="Succesfactoren",
                                   title_en="Success factors", order=1)
    dimension = Dimension.objects.create(module=module, code="K", title_nl="Kern", title_en="Core", order=1)
    items = [Item.objects.create(instrument=instrument, dimension=dimension, scale=scale, code=f"SF.K{i}.presence",
                                 factor=f"SF.K{i}", aspect="presence", label_nl=f"Factor {i} ‘één’",
                                 label_en=f"Factor {i}", text_nl=f"Vraag {i}?", text_en=f"Question {i}?",
                                 source={"file": "004", "lines": f"{i}"}, order=i) for i in range(1, 5)]
    round = Round.objects.create(network=network, name="Voorjaar", slug="voorjaar", instrument=instrument,
                                 status=RoundStatus.CLOSED, closed_at=timezone.now())
    for n in range(3):
        email = f"lid{n}-{tag}@example.org"
        user = get_user_model().objects.create_user(username=email, email=email, password="correct-horse-battery")
        Membership.objects.create(network=network, user=user, role=PlatformRole.MEMBER, organisation=organisation,
                                  level="operationeel")
        invitation = Invitation.objects.create(round=round, user=user, sent_at=timezone.now())
        response = Response.objects.create(round=round, invitation=invitation, respondent=user,
                                           organisation=organisation, level="operationeel",
                                           submitted_at=timezone.now())
        for i, item in enumerate(items):
            Answer.objects.create(response=response, item=item, value=None if (n + i) % 4 == 0 else (n + i) % 5 + 1)
        PageState.objects.create(response=response, page="SF", revision=n + 1, comment=f"Opmerking {n} — ok")
    audit_record(action=AuditAction.EXPORT, actor=None, target="voor de back-up")
    return round
