"""What each optional module adds to a round and how long it takes: shown where coordinators switch modules on.

Keyed by module code, which stays the same across instrument versions; a module without its own text here falls
back to its introduction from the instrument file. The texts restate the modules' sources: KW seed 004 §4.3
(client value, SERVQUAL plus continuity), CX seed 003 appendix (chain complexity and the fitting governance
strategy), BB seed 002 check 1, RL seed 002 check 3.
"""

from math import ceil

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from assessments.models import Module

from .selectors import SECONDS_PER_ITEM

MODULE_HELP = {
    "KW": gettext_lazy(
        "Laat de deelnemers inschatten hoe cliënten de keten als geheel ervaren, op de dimensies van het "
        "SERVQUAL-model aangevuld met continuïteit."),
    "CX": gettext_lazy(
        "Laat de deelnemers de keten scoren op vijf dimensies van complexiteit; hoe complex een keten is, bepaalt "
        "welke regiestrategie past."),
    "BB": gettext_lazy(
        "Een korte check of een netwerk voor deze opgave de beste keuze is, of dat het ook alleen of met één "
        "partner kan."),
    "RL": gettext_lazy(
        "Stellingen over de eigen rol van de deelnemer: vooral deelnemer naast anderen, of iemand die het netwerk "
        "actief stuurt als netwerkmanager."),
}


def module_extra_minutes(item_count: int) -> int:
    """Minutes a module adds to the questionnaire, at least 1 (same pace as ``round_expected_minutes``)."""
    return max(1, ceil(item_count * SECONDS_PER_ITEM / 60))


def module_description(*, module: Module, item_count: int) -> str:
    """"What it adds. 6 vragen, ongeveer 1 minuut extra." in the active language."""
    what = MODULE_HELP.get(module.code) or module.tr("intro")
    minutes = module_extra_minutes(item_count)
    return _("%(what)s %(items)s, ongeveer %(minutes)s extra.") % {
        "what": what,
        "items": ngettext("%(count)d vraag", "%(count)d vragen", item_count) % {"count": item_count},
        "minutes": ngettext("%(count)d minuut", "%(count)d minuten", minutes) % {"count": minutes},
    }
