"""Read side of the improvement cycle: the proposed agenda, a workshop's topics, the action plan.

The agenda is proposed from what ``results.selectors.round_scores`` already computed (disputed items, factor
quadrants, the Minkman backlog); nothing is scored again here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from assessments.models import Item
from networks.models import Membership, Network, Organisation
from results import selectors as result_selectors
from rounds.models import Round

from .models import Action, NextMeasurement, Topic, TopicKind, Workshop

# A long agenda is a wish list, not a meeting: the coordinator may still add nothing but can trim.
PER_KIND = {TopicKind.DISPUTED: 5, TopicKind.PRIORITY: 5, TopicKind.BLIND_SPOT: 3, TopicKind.BACKLOG: 5}


def agenda_proposal(*, round: Round) -> list[tuple[str, str]]:
    """(kind, item code) pairs: disputed items first, then priorities, blind spots and the development backlog.

    A factor topic points at the factor's presence question, so its agreed score is on that item's scale.
    An item appears once, under the first kind that proposes it.
    """
    scores = result_selectors.round_scores(round=round)
    if not scores.reportable:
        return []
    proposal: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(kind: str, codes) -> None:
        taken = 0
        for code in codes:
            if code in seen or code not in scores.items or taken >= PER_KIND[kind]:
                continue
            seen.add(code)
            proposal.append((kind, code))
            taken += 1

    add(TopicKind.DISPUTED, scores.disputed)
    for kind, quadrant in ((TopicKind.PRIORITY, "priority"), (TopicKind.BLIND_SPOT, "underexposed")):
        add(kind, [f"{code}.presence" for code, factor in sorted(scores.factors.items())
                   if factor.quadrant == quadrant])
    add(TopicKind.BACKLOG, [code for backlog in scores.minkman.backlog for code in backlog.open_elements])
    return proposal


def workshop_for_round(*, round: Round) -> Workshop | None:
    return Workshop.objects.filter(round=round).first()


def workshop_topics(*, workshop: Workshop) -> list[Topic]:
    return list(workshop.topics.order_by("position"))


def topic_get(*, workshop: Workshop, pk: int) -> Topic:
    topic = workshop.topics.filter(pk=pk).first()
    if topic is None:
        raise Http404
    return topic


def round_item(*, round: Round, code: str) -> Item | None:
    """The item behind a topic, with its scale options (for the agreed-score choices)."""
    return (Item.objects.filter(instrument_id=round.instrument_id, code=code).select_related("scale")
            .prefetch_related("scale__options").first())


def item_scale_choices(*, item: Item) -> list[tuple[int, str]]:
    return [(option.value, option.tr("label")) for option in item.scale.options.all()]


@dataclass(frozen=True)
class TopicSlide:
    """What the presenter view shows for one topic."""

    topic: Topic
    label: str
    kind_label: str
    n: int
    mean_text: str
    distribution: list[tuple[str, int]]
    choices: list[tuple[int, str]]
    agreed_text: str


def topic_slide(*, round: Round, topic: Topic) -> TopicSlide:
    scores = result_selectors.round_scores(round=round)
    labels = result_selectors.instrument_labels(instrument_id=round.instrument_id)
    stats = scores.items.get(topic.code)
    item = round_item(round=round, code=topic.code)
    choices = item_scale_choices(item=item) if item else []
    distribution = []
    if stats is not None:
        # Counts are keyed on the scoring direction; labels.answer turns them back into the words answered.
        distribution = [(labels.answer(topic.code, value), count)
                        for value, count in sorted(stats.distribution.items())]
    agreed_text = ""
    if topic.no_agreement:
        agreed_text = _("Geen overeenstemming")
    elif topic.agreed_value is not None:
        agreed_text = dict(choices).get(topic.agreed_value, str(topic.agreed_value))
    return TopicSlide(topic=topic, label=labels.item(topic.code), kind_label=topic.get_kind_display(),
                      n=stats.n if stats else 0,
                      mean_text=labels.answer(topic.code, stats.median) if stats else "–",
                      distribution=distribution, choices=choices, agreed_text=agreed_text)


def actions_for_network(*, network: Network) -> list[Action]:
    return list(Action.objects.filter(network=network)
                .select_related("round", "owner_membership__user", "owner_organisation", "topic")
                .order_by("status", "due_on", "pk"))


def action_get(*, network: Network, pk: int) -> Action:
    action = Action.objects.filter(network=network, pk=pk).select_related("round").first()
    if action is None:
        raise Http404
    return action


def network_owner_choices(*, network: Network) -> tuple[list[Membership], list[Organisation]]:
    members = list(Membership.objects.filter(network=network).select_related("user"))
    organisations = list(Organisation.objects.filter(partnerships__network=network).order_by("name"))
    return members, organisations


def next_measurement_for_round(*, round: Round) -> NextMeasurement | None:
    return NextMeasurement.objects.filter(round=round).first()
