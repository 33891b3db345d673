"""Demo data: the three practice examples of the thesis (seed 004 ch. 5.2) with their partners, and fictional peers.

The thesis networks carry only what the thesis states (partners, regie, funding); the fictional networks are
named "(fictief)" and consent to research, so the benchmark and the research pages have content. All answers are
simulated (rounds/demo.py) and the pages say so. Idempotent: running it again updates the same records.
"""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import (
    ChainRole,
    Level,
    Membership,
    Network,
    NetworkForm,
    Organisation,
    Partnership,
    PlatformRole,
    Sector,
)

DEMO_PASSWORD = "ketenregie-demo-2026"
DEMO_DOMAIN = "demo.ketenregie.nl"
DEMO_VERSION = 2
"""Bumped when the simulated demo data change: load_demo then rebuilds the demo rounds of every demo network."""


@dataclass(frozen=True)
class DemoPartner:
    name: str
    sector: str
    roles: tuple[str, ...]
    note: str = ""
    members: bool = True  # whether simulated members of this partner answer the questionnaire


@dataclass(frozen=True)
class DemoNetwork:
    name: str
    region: str
    form: str
    start_date: dt.date | None
    claimed_phase: int | None
    description: str
    common_goal: str
    target_group: str
    funding: str
    origin: str
    client_count: int | None
    partners: tuple[DemoPartner, ...]
    # The demo's thesis networks consent too: the benchmark is shown only to consenting networks, and a newcomer
    # should see it on the networks the demo coordinator runs. Their answers are simulated and the pages say so.
    research_consent: bool = True
    members_per_partner: int = 3


P, C = ChainRole.CHAIN_PARTNER, ChainRole.CHAIN_DIRECTOR
SIMULATED = "De antwoorden in de rondes van dit demonetwerk zijn gesimuleerd."

# The three practice examples of the thesis (seed 004 ch. 5.2, lines 1812-1996), with only what the thesis says
# about them: partners and what they do, who has the regie, the funding. Everything else (members, answers) is
# simulated, and the pages say so.
THESIS_NETWORKS: tuple[DemoNetwork, ...] = (
    DemoNetwork(
        name="Duurzame Jeugdzorg Flevoland",
        region="Flevoland (Almere Poort)",
        form=NetworkForm.CONFIGURATION,  # "netwerkconfiguratie c.q. diffuus netwerk" is the intention (1858-1860)
        start_date=dt.date(2009, 6, 9),
        claimed_phase=1,
        description="Vier partijen ontwikkelen samen een gecombineerde drie-milieusvoorziening voor jeugdzorg in "
        "Almere Poort. Praktijkvoorbeeld uit de thesis 'Sterke Schakels' (2010), daar geplaatst in de initiatief- "
        "en ontwerpfase. " + SIMULATED,
        common_goal="Eén jongere, één plan: intensieve zorg, behandeling en onderwijs op één plek, zonder "
        "verhuizingen als er andere vormen van zorg nodig zijn.",
        target_group="Kinderen en jongeren van 10 tot 23 jaar met gedragsproblemen die aangewezen zijn op "
        "intensieve hulp.",
        funding="Elke partij brengt het aantal aan haar toegewezen plaatsen ('bedden') in; dat geeft schaalvoordeel.",
        origin="Intentieovereenkomst ondertekend op 9 juni 2009; streefdatum voor de voorziening 2013.",
        client_count=130,
        partners=(
            DemoPartner("Rentray", Sector.YOUTH_CARE, (P,), "jeugdzorg+ (gesloten)"),
            DemoPartner("Fornhese (Symforagroep)", Sector.MENTAL_HEALTH, (P,), "kinder- en jeugdpsychiatrie"),
            DemoPartner("LSG-Nieuw Veldzicht", Sector.YOUTH_CARE, (P,), "jeugdzorg"),
            DemoPartner("Eduvier Onderwijsgroep", Sector.EDUCATION, (P,), "cluster 4-onderwijs en arbeidstoeleiding"),
        ),
    ),
    DemoNetwork(
        name="Ketenconvenant Oost-Gelderland",
        region="Oost-Gelderland",
        form=NetworkForm.LINEAR,
        start_date=dt.date(2008, 5, 28),
        claimed_phase=2,
        description="Convenant ketenzorg voor jeugdigen met intersectorale zorgvragen, onder regie van de "
        "Beleidsgroep Jeugd. Praktijkvoorbeeld uit de thesis 'Sterke Schakels' (2010), daar geplaatst tussen de "
        "experiment- en uitvoeringsfase en de uitbouw- en monitoringfase. " + SIMULATED,
        common_goal="Een aaneengesloten, op elkaar afgestemd zorgtraject voor jeugdigen die intersectorale zorg "
        "nodig hebben, gericht op de met de cliënt overeengekomen zorgdoelen.",
        target_group="Jeugdigen die zorg uit meerdere sectoren nodig hebben.",
        funding="Zorgverzekeraars en de provincie stellen samen een budget beschikbaar: de zorgverzekeraar een "
        "casusbudget, de provincie een pilotfinanciering.",
        origin="Convenant afgesloten op 28 mei 2008 voor de duur van twee jaar; geëvalueerd in november 2009.",
        client_count=None,
        partners=(
            DemoPartner("Beleidsgroep Jeugd (Oost-Gelderland)", Sector.OTHER, (C,), "heeft de regie (convenant)"),
            DemoPartner("Bureau Jeugdzorg Gelderland", Sector.YOUTH_CARE, (P,), "onder andere verwijzer jeugdzorg"),
            DemoPartner("MEE Oost-Gelderland", Sector.DISABILITY_CARE, (P,),
                        "verwijzer AWBZ-zorg voor mensen met een beperking"),
            DemoPartner("De Lichtenvoorde", Sector.DISABILITY_CARE, (P,),
                        "zorg voor mensen met een verstandelijke beperking"),
            DemoPartner("Zozijn", Sector.DISABILITY_CARE, (P,), "zorg voor mensen met een verstandelijke beperking"),
            DemoPartner("GGNet", Sector.MENTAL_HEALTH, (P,), "zorg voor mensen met een psychiatrische beperking"),
            DemoPartner("Karakter", Sector.MENTAL_HEALTH, (P,), "zorg voor jeugdigen met een psychiatrische beperking"),
            DemoPartner("Pactum", Sector.YOUTH_CARE, (P,), "jeugdzorg en educatie"),
            DemoPartner("Lindenhout", Sector.YOUTH_CARE, (P,), "jeugdzorg"),
            DemoPartner("Provincie Gelderland", Sector.PROVINCE, (ChainRole.FUNDER,), "pilotfinanciering",
                        members=False),
        ),
    ),
    DemoNetwork(
        name="Doen wat werkt",
        region="Noord-Nederland",
        form=NetworkForm.LINEAR,
        start_date=None,  # the thesis gives "voorjaar 2006" (see origin), no date
        claimed_phase=4,
        description="Bovenprovinciaal, intersectoraal behandelprogramma als alternatief voor plaatsing in een "
        "justitiële jeugdinrichting; winnaar van de Nationale Jeugdzorgprijs 2007. Praktijkvoorbeeld uit de "
        "thesis 'Sterke Schakels' (2010), daar geplaatst in de verduurzaming- en transformatiefase. " + SIMULATED,
        common_goal="Doorlopende, niet-vrijblijvende hulp waarin het gezin deel is van de oplossing: een korte "
        "gesloten plaatsing, daarna intensieve thuisbehandeling (FFT, MST, later ook MDFT), met onderwijs of werk.",
        target_group="Jeugdigen met ernstige gedragsproblemen en veiligheidsrisico's, en hun gezinnen.",
        funding="In de projectperiode: de drie noordelijke provincies en de ministeries van Jeugd en Gezin, "
        "Justitie en OCW. Daarna ingebed in bestaande structuren en financieringssystemen.",
        origin="Initiatief van de directies van de deelnemende instellingen in 2005; projectgroep vanaf voorjaar "
        "2006; projectperiode 2006-2008.",
        client_count=None,
        partners=(
            DemoPartner("Accare", Sector.MENTAL_HEALTH, (P,), "kinder- en jeugdpsychiatrie Noord-Nederland"),
            DemoPartner("Yorneo", Sector.YOUTH_CARE, (P,), "jeugdzorg Drenthe"),
            DemoPartner("Het Poortje", Sector.YOUTH_CARE, (P,), "jeugdzorg+"),
            DemoPartner("Portalis", Sector.EDUCATION, (P,),
                        "onderwijs en arbeidstoeleiding, verbonden aan het Poortje"),
            DemoPartner("Tjallinga Hiem", Sector.DISABILITY_CARE, (P,),
                        "zorg voor licht verstandelijk beperkte jongeren, Friesland"),
            DemoPartner("Forensische Jeugdpsychiatrie", Sector.MENTAL_HEALTH, (P,), "op consultbasis"),
        ),
    ),
)


def _fictional(name: str, region: str, form: str, phase: int | None, goal: str,
               partners: tuple[tuple[str, str], ...]) -> DemoNetwork:
    return DemoNetwork(
        name=f"{name} (fictief)", region=region, form=form, start_date=None, claimed_phase=phase,
        description="Verzonnen voorbeeldnetwerk, zodat de vergelijking met andere netwerken en de "
        "onderzoekspagina's inhoud hebben. Het netwerk en zijn organisaties bestaan niet. " + SIMULATED,
        common_goal=goal, target_group="", funding="", origin="", client_count=None,
        partners=tuple(DemoPartner(f"{partner} (fictief)", sector, (P,)) for partner, sector in partners),
        research_consent=True, members_per_partner=3,
    )


# Clearly fictional networks that consent to research: the benchmark needs at least five comparable consenting
# networks, and the research pages need data to show.
FICTIONAL_NETWORKS: tuple[DemoNetwork, ...] = (
    _fictional("Jeugdketen Havenstad", "Havenstad", NetworkForm.LINEAR, 2,
               "Eén route van signaal tot hulp voor jeugdigen in Havenstad.",
               (("Jeugdhulp Havenstad", Sector.YOUTH_CARE), ("GGZ Havenstad", Sector.MENTAL_HEALTH),
                ("Gemeente Havenstad", Sector.MUNICIPALITY))),
    _fictional("Netwerk Thuis in de Wijk Beekdal", "Beekdal", NetworkForm.CONFIGURATION, 3,
               "Zorg en welzijn rond het gezin in de wijk georganiseerd.",
               (("Welzijn Beekdal", Sector.WELFARE), ("Wijkteam Beekdal", Sector.MUNICIPALITY),
                ("Zorggroep Beekdal", Sector.DISABILITY_CARE))),
    _fictional("Ketenzorg Jongvolwassenen Heuvelland", "Heuvelland", NetworkForm.LINEAR, 1,
               "Doorlopende hulp voor jongeren van 18 tot 23 jaar bij de overgang naar volwassenheid.",
               (("Jeugdzorg Heuvelland", Sector.YOUTH_CARE), ("Woonbegeleiding Heuvelland", Sector.WELFARE),
                ("ROC Heuvelland", Sector.EDUCATION))),
    _fictional("Samenwerkingsverband Veilig Opgroeien Merenland", "Merenland", NetworkForm.DIFFUSE, 4,
               "Kinderen groeien veilig op; partners werken met één plan per gezin.",
               (("Veilig Thuis Merenland", Sector.WELFARE), ("Jeugdbescherming Merenland", Sector.JUSTICE),
                ("GGZ Merenland", Sector.MENTAL_HEALTH))),
    _fictional("Onderwijs-zorgarrangement Polderrijk", "Polderrijk", NetworkForm.CONFIGURATION, 2,
               "Onderwijs en zorg in één arrangement voor leerlingen die extra ondersteuning nodig hebben.",
               (("Scholengroep Polderrijk", Sector.EDUCATION), ("Jeugdhulp Polderrijk", Sector.YOUTH_CARE),
                ("Gemeente Polderrijk", Sector.MUNICIPALITY))),
    _fictional("Regionaal Netwerk LVB Duinkust", "Duinkust", NetworkForm.LINEAR, 3,
               "Passende zorg voor jongeren met een licht verstandelijke beperking, zonder wachttijd tussen schakels.",
               (("Zorgaanbieder LVB Duinkust", Sector.DISABILITY_CARE), ("Jeugdhulp Duinkust", Sector.YOUTH_CARE),
                ("Zorgverzekeraar Duinkust", Sector.HEALTH_INSURER))),
)

DEMO_NETWORKS: tuple[DemoNetwork, ...] = THESIS_NETWORKS + FICTIONAL_NETWORKS

FIRST_NAMES = ["Anouk", "Bram", "Chantal", "Daan", "Eva", "Frank", "Gerda", "Hans", "Ilse", "Joost", "Karin",
               "Lars", "Marieke", "Niels", "Olga", "Pieter", "Quirine", "Ruud", "Sanne", "Thijs"]
LAST_NAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
              "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer", "de Wit", "Dijkstra"]
LEVEL_CYCLE = [Level.STRATEGIC, Level.TACTICAL, Level.OPERATIONAL, Level.OPERATIONAL]

DEMO_LOGINS = {
    "admin": f"admin@{DEMO_DOMAIN}",
    "coordinator": f"coordinator@{DEMO_DOMAIN}",
    "member": f"lid@{DEMO_DOMAIN}",
    "researcher": f"onderzoeker@{DEMO_DOMAIN}",
}


@lru_cache(maxsize=1)
def _demo_password_hash() -> str:
    # Hashing is deliberately slow; the demo's sixty users share one hash so the demo loads in seconds.
    return make_password(DEMO_PASSWORD)


def _demo_user(*, email: str, first_name: str, last_name: str, **flags):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=email, defaults={"email": email, "first_name": first_name, "last_name": last_name, **flags}
    )
    if created:
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def demo_networks_load() -> list[Network]:
    admin = _demo_user(email=DEMO_LOGINS["admin"], first_name="Beheerder", last_name="Demo",
                       is_staff=True, is_superuser=True)
    del admin  # created for the login list; it needs no membership
    coordinator = _demo_user(email=DEMO_LOGINS["coordinator"], first_name="Coby", last_name="Coördinator")
    # Approved by the administrator to register networks (KETENREGIE_NETWORK_REGISTRATION = "approved").
    coordinator.user_permissions.add(Permission.objects.get(codename="add_network", content_type__app_label="networks"))
    member = _demo_user(email=DEMO_LOGINS["member"], first_name="Lieke", last_name="Lid")
    researcher = _demo_user(email=DEMO_LOGINS["researcher"], first_name="Olaf", last_name="Onderzoeker")
    researcher.groups.add(Group.objects.get(name="Onderzoekers"))

    networks = []
    person = 0
    for spec in DEMO_NETWORKS:
        network = Network.objects.filter(slug=demo_slug(spec.name)).first()
        fields = {
            "name": spec.name, "region": spec.region, "form": spec.form, "start_date": spec.start_date,
            "claimed_phase": spec.claimed_phase, "description": spec.description,
            "common_goal": spec.common_goal, "target_group": spec.target_group, "funding": spec.funding,
            "origin": spec.origin, "client_count": spec.client_count, "research_consent": spec.research_consent,
        }
        if network is None:
            network = Network.objects.create(slug=demo_slug(spec.name), **fields)
        elif any(getattr(network, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(network, key, value)
            network.save()
        networks.append(network)
        partnerships = {p.organisation.name: p for p in network.partnerships.select_related("organisation")}
        wanted = {partner.name for partner in spec.partners}
        for name, stale in partnerships.items():
            if name not in wanted:  # a partner an earlier demo version had but the sources do not give
                Membership.objects.filter(network=network, organisation=stale.organisation).update(organisation=None)
                stale.delete()
        for partner in spec.partners:
            organisation, _ = Organisation.objects.update_or_create(
                name=partner.name, defaults={"sector": partner.sector, "contact": partner.note}
            )
            Partnership.objects.update_or_create(
                network=network, organisation=organisation, defaults={"roles": list(partner.roles)}
            )
            if not partner.members:
                continue
            for i in range(spec.members_per_partner):
                first = FIRST_NAMES[person % len(FIRST_NAMES)]
                last = LAST_NAMES[(person * 7) % len(LAST_NAMES)]
                email = f"{demo_slug(first)}.{demo_slug(last)}.{person}@{DEMO_DOMAIN}"
                person += 1
                user = _demo_user(email=email, first_name=first, last_name=last)
                level = LEVEL_CYCLE[i % len(LEVEL_CYCLE)]
                Membership.objects.update_or_create(
                    network=network, user=user,
                    defaults={"role": PlatformRole.MEMBER, "organisation": organisation, "level": level,
                              "chain_role": ChainRole.PROFESSIONAL if level == Level.OPERATIONAL
                              else ChainRole.CHAIN_PARTNER},
                )
        # The demo coordinator and member are fictional people; the coordinator is not tied to a partner, so no
        # named organisation gets a role the sources do not give it.
        first_partner = next(p for p in spec.partners if p.members)
        Membership.objects.update_or_create(
            network=network, user=coordinator,
            defaults={"role": PlatformRole.COORDINATOR, "organisation": None, "level": Level.TACTICAL,
                      "chain_role": ""},
        )
        Membership.objects.update_or_create(
            network=network, user=member,
            defaults={"role": PlatformRole.MEMBER, "organisation": Organisation.objects.get(name=first_partner.name),
                      "level": Level.OPERATIONAL, "chain_role": ChainRole.PROFESSIONAL},
        )
    return networks


def demo_slug(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text)
