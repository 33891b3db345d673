"""What each role means, in a sentence or two: shown where coordinators assign roles and where members see theirs.

The chain roles follow seed 003 ch. 5 ("Welke rollen heeft u?", §5.1-5.10: each role with its tasks) and, for
keteneigenaar, seed 004 §3.5 ("Nieuwe rollen"). The texts restate those passages and add nothing to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from .models import ChainRole, PlatformRole

CHAIN_ROLE_HELP: dict[str, StrOrPromise] = {
    ChainRole.CHAIN_PARTNER: _(
        "Een organisatie die activiteiten in de keten uitvoert. Maakt afspraken over doelen, doelgroepen, "
        "resultaten en capaciteit, heeft daarvoor genoeg capaciteit (en geld) en is daarop aanspreekbaar, werkt "
        "samen aan kwaliteit, innovatie, professionalisering en ICT, en communiceert over activiteiten en "
        "resultaten."),
    ChainRole.CHAIN_DIRECTOR: _(
        "Stimuleert de samenwerking tussen de ketenpartners: schept de voorwaarden voor goede samenwerking, "
        "bevordert professionalisering en verbindt de partners op de verschillende niveaus. Draagt zelf geen "
        "verantwoordelijkheid voor de prestaties van de keten en wordt aangesteld door de ketenpartners of "
        "opdrachtgevers."),
    ChainRole.CHAIN_OWNER: _(
        "Heeft belang bij de keten en voelt zich verantwoordelijk voor de ontwikkeling en het voortbestaan "
        "ervan. Meerdere partijen kunnen deze rol samen vervullen, meestal een coalitie van bestuurders."),
    ChainRole.COMMISSIONER: _(
        "Bepaalt mee aan welke kwaliteitseisen de keten moet voldoen en binnen welke randvoorwaarden zij werkt. "
        "Houdt de vraag van cliënten bij en stelt daarop prioriteiten, stemt opdrachten af met andere "
        "opdrachtgevers, schept ruimte (bijvoorbeeld in regels) en overlegt met landelijke instanties over "
        "knelpunten."),
    ChainRole.FUNDER: _(
        "Verschaft de middelen waarmee de ketenpartners hun werk doen. Overlegt met andere financiers en met "
        "cliënten, sluit contracten met ketens of ketenpartners, houdt toezicht op kwaliteit en doelmatigheid "
        "en wijst middelen zo toe dat ze uitnodigen tot effectieve dienstverlening."),
    ChainRole.SUPERVISOR: _(
        "Beoordeelt het werk van de ketenpartners, zoals een inspectie. Denkt mee over andere normen en vormen "
        "van toezicht die een regionale aanpak op maat mogelijk maken, en brengt een gebrek aan samenwerking zo "
        "nodig onder de aandacht van politiek en bestuur."),
    ChainRole.KNOWLEDGE_PARTNER: _(
        "Verzamelt en verspreidt kennis voor de keten, zoals een onderzoeksinstelling, gemeente of adviseur. "
        "Zorgt voor wetenschappelijke onderbouwing, onderzoekt de effecten van ketensamenwerking, ontwikkelt "
        "prestatie-indicatoren en adviseert of begeleidt."),
    ChainRole.POLICY_MAKER: _(
        "Stemt de beleidskaders op elkaar af die voor de verschillende schakels van de keten gelden, en geeft "
        "ruimte voor vernieuwing en maatwerk, bijvoorbeeld met geld of door regels onder voorwaarden buiten "
        "toepassing te laten."),
    ChainRole.PROBLEM_OWNER: _(
        "Heeft geen eigen taak in de keten, maar heeft er last van als die niet goed werkt: cliënten en hun "
        "familie, slachtoffers, omwonenden, instellingen of gemeenten. Bepaalt mee hoe urgent de aanpak voelt; "
        "de ketenpartners houden hen op de hoogte van de resultaten."),
    ChainRole.CLIENT: _(
        "Gebruikt de dienstverlening en gaat ‘door de keten’. Draagt zelf ook verantwoordelijkheid, is bereid "
        "afspraken te maken om de eigen situatie te verbeteren en meldt klachten bij een herkenbaar punt."),
    ChainRole.PROFESSIONAL: _(
        "Werkt direct voor of met de cliënt, zoals een arts, verpleegkundige of politieagent. Stemt zijn of haar "
        "werk af met andere professionals in de keten, geeft door waar de samenwerking beter kan en overlegt met "
        "cliënten over betere dienstverlening."),
}

PLATFORM_ROLE_HELP: dict[str, StrOrPromise] = {
    PlatformRole.COORDINATOR: _(
        "Beheert het netwerk op dit platform: gegevens, partners en leden, rondes en uitnodigingen."),
    PlatformRole.MEMBER: _(
        "Vult de vragenlijst in wanneer hij of zij voor een ronde is uitgenodigd, en ziet de resultaten van het "
        "netwerk."),
}


def chain_role_help(role: str) -> str:
    return str(CHAIN_ROLE_HELP.get(role, ""))


def chain_role_descriptions() -> dict[str, str]:
    return {str(role): str(text) for role, text in CHAIN_ROLE_HELP.items()}


def platform_role_descriptions() -> dict[str, str]:
    return {str(role): str(text) for role, text in PLATFORM_ROLE_HELP.items()}
