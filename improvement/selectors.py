"""Reading the improvement cycle: the proposed agenda (from the round's scores, never recomputed) and the plan."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from assessments.models import Item
from networks.models import Membership, Network, Organisation
from results import selectors as results_selectors
from results.labels import InstrumentLabels
from rounds.models import Round
from scoring.factors import PRESENCE, PRIORITY, UNDEREXPOSED, factor_items
from scoring.types import RoundScores

from .models import Action, NextMeasurement, Topic, TopicKind, Workshop

# An agreed score is "far" from the measurement when it differs from the mean by at least a quarter of the
# item's scale range (one point on a five-point scale): large enough that the group clearly re-judged the item.
FAR_SHARE_OF_SCALE = 0.25

# A long agenda is a wish list, not a meeting: the proposal keeps the first few of each kind.
PER_KIND = {TopicKind.DISPUTED: 5, TopicKind.PRIORITY: 5, TopicKind.BLIND_SPOT: 3, TopicKind.BACKLOG: 5}


def agenda_propose(*, round: Round, scores: RoundScores) -> list[tuple[str, str]]:
    """(kind, item code) in the order of the conversation: disputed, priorities, blind spots, the phase backlog."""
    specs = {spec.code: spec for spec in results_selectors.round_item_specs(round=round)}
    presence = {factor: aspects[PRESENCE].code for factor, aspects in factor_items(items=specs).items()
                if PRESENCE in aspects}
    proposed: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(kind: str, code: str) -> None:
        if code in specs and code not in seen:
            seen.add(code)
            proposed.append((kind, code))

    for code in scores.disputed:
        add(TopicKind.DISPUTED, code)
    for quadrant, kind in ((PRIORITY, TopicKind.PRIORITY), (UNDEREXPOSED, TopicKind.BLIND_SPOT)):
        for factor in scores.factors.values():
            if factor.quadrant == quadrant and factor.code in presence:
                add(kind, presence[factor.code])
    for backlog in scores.minkman.backlog:
        for code in backlog.open_elements:
            add(TopicKind.BACKLOG, code)
    return proposed


def agenda_proposal(*, round: Round) -> list[tuple[str, str]]:
    """The proposed agenda of a round, at most ``PER_KIND`` topics of each kind; empty below the minimum size."""
    scores = results_selectors.round_scores(round=round)
    if not scores.reportable:
        return []
    taken: dict[TopicKind, int] = {}
    proposal: list[tuple[str, str]] = []
    for kind_value, code in agenda_propose(round=round, scores=scores):
        kind = TopicKind(kind_value)
        if taken.get(kind, 0) < PER_KIND[kind]:
            taken[kind] = taken.get(kind, 0) + 1
            proposal.append((kind, code))
    return proposal


def workshop_for_round(*, round: Round) -> Workshop | None:
    return Workshop.objects.filter(round=round).first()


def topics_of(*, workshop: Workshop) -> QuerySet[Topic]:
    return workshop.topics.order_by("position", "pk")


@dataclass(frozen=True)
class AgreedRow:
    topic: Topic
    label: str
    agreed_label: str
    mean: float | None
    distribution: str
    far: bool


def agreed_rows(*, round: Round) -> list[AgreedRow]:
    """The discussed items with their agreed score beside the measured mean; empty without a workshop."""
    workshop = workshop_for_round(round=round)
    if workshop is None:
        return []
    scores = results_selectors.round_scores(round=round)
    labels = results_selectors.instrument_labels(instrument_id=round.instrument_id)
    rows = []
    for topic in topics_of(workshop=workshop):
        if not topic.is_decided:
            continue
        stats = scores.items.get(topic.code)
        mean = stats.mean if stats and scores.reportable else None
        far = False
        agreed = topic.agreed_value
        if agreed is not None and topic.code in labels.reverse and stats:
            # The mean is on the scored (reversed) scale; the agreed score is as answered.
            agreed = stats.scale_min + stats.scale_max - agreed
        if stats and mean is not None and agreed is not None:
            far = abs(agreed - mean) >= FAR_SHARE_OF_SCALE * (stats.scale_max - stats.scale_min)
        distribution = labels.distribution(topic.code, stats.distribution) if stats and scores.reportable else ""
        options = labels.options.get(topic.code) or {}
        agreed_label = "" if topic.agreed_value is None else options.get(topic.agreed_value, str(topic.agreed_value))
        rows.append(AgreedRow(topic=topic, label=labels.item(topic.code), agreed_label=agreed_label, mean=mean,
                              distribution=distribution, far=far))
    return rows


def actions_for_network(*, network: Network) -> QuerySet[Action]:
    return (Action.objects.filter(network=network)
            .select_related("round", "owner_membership__user", "owner_organisation", "topic")
            .order_by("due_on", "pk"))


def workshop_topics(*, workshop: Workshop) -> list[Topic]:
    return list(topics_of(workshop=workshop))


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


def topic_slide(*, round: Round, topic: Topic, scores: RoundScores | None = None,
                labels: InstrumentLabels | None = None) -> TopicSlide:
    """One topic for the presenter view; the pack passes scores and labels once for all its topics."""
    scores = scores or results_selectors.round_scores(round=round)
    labels = labels or results_selectors.instrument_labels(instrument_id=round.instrument_id)
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


# A change counts as "moved" when it exceeds twice its standard error (about a 95% interval around zero), with
# the standard error sqrt(sd1²/n1 + sd2²/n2) taken from both rounds' item statistics (docs/workshop.md).
MOVED_Z = 2.0


@dataclass(frozen=True)
class Effect:
    code: str
    label: str
    delta: float | None
    uncertainty: float | None
    moved: bool | None  # None: a round below the minimum group size, or the item missing from one round

    @property
    def interval(self) -> float | None:
        return MOVED_Z * self.uncertainty if self.uncertainty is not None else None


def _effect(*, code: str, current: RoundScores, previous: RoundScores, label: str) -> Effect:
    now, before = current.items.get(code), previous.items.get(code)
    if (not current.reportable or not previous.reportable or now is None or before is None
            or now.n < current.min_group_size or before.n < previous.min_group_size
            or current.trend is None or now.sd is None or before.sd is None):
        return Effect(code=code, label=label, delta=None, uncertainty=None, moved=None)
    delta = current.trend.items.get(code)
    if delta is None:
        return Effect(code=code, label=label, delta=None, uncertainty=None, moved=None)
    uncertainty = (now.sd ** 2 / now.n + before.sd ** 2 / before.n) ** 0.5
    return Effect(code=code, label=label, delta=delta, uncertainty=uncertainty,
                  moved=abs(delta) > MOVED_Z * uncertainty if uncertainty else delta != 0)


def _item_code(*, code: str, scores: RoundScores) -> str:
    """An action may name a factor (SF.P1) rather than its question; the presence question then stands for it."""
    if code in scores.items:
        return code
    return f"{code}.presence" if f"{code}.presence" in scores.items else code


@dataclass(frozen=True)
class ReportSection:
    agreed: list[AgreedRow]
    far: list[AgreedRow]
    actions: list[Action]
    effects: list[tuple[Action, Effect]]
    moved_without_action: list[Effect]
    previous_name: str


def report_section(*, round: Round, scores: RoundScores) -> ReportSection | None:
    """What the report shows of the cycle: agreed scores, the plan (appendix) and the effect of the last plan."""
    agreed = agreed_rows(round=round)
    actions = list(actions_for_network(network=round.network))
    previous = results_selectors.round_previous(round=round)
    effects: list[tuple[Action, Effect]] = []
    moved_without: list[Effect] = []
    if previous is not None and scores.trend is not None:
        before = results_selectors.round_scores(round=previous)
        labels = results_selectors.instrument_labels(instrument_id=round.instrument_id)
        earlier = [action for action in actions if action.round_id == previous.pk and action.target_code]
        targeted = set()
        for action in earlier:
            code = _item_code(code=action.target_code, scores=scores)
            targeted.add(code)
            effects.append((action, _effect(code=code, current=scores, previous=before, label=labels.item(code))))
        for code in scores.items:
            if code.startswith("SF.") and code.endswith(".presence") and code not in targeted:
                effect = _effect(code=code, current=scores, previous=before, label=labels.item(code))
                if effect.moved:
                    moved_without.append(effect)
    if not agreed and not actions and not effects:
        return None
    return ReportSection(agreed=agreed, far=[row for row in agreed if row.far], actions=actions, effects=effects,
                         moved_without_action=moved_without, previous_name=previous.name if previous else "")


def cache_part(*, round: Round) -> tuple:
    """What of the cycle changes the report PDF: the latest edit of its topics and of the network's actions."""
    from django.db.models import Count, Max

    topics = Topic.objects.filter(workshop__round=round).aggregate(n=Count("pk"), last=Max("decided_at"))
    plan = Action.objects.filter(network=round.network).aggregate(n=Count("pk"), last=Max("updated_at"))
    return (topics["n"], topics["last"], plan["n"], plan["last"])
