"""Demo data: the three real networks that seed 004 ch. 5.2 describes, with their actual partners.

Idempotent: running it again updates the same records instead of adding new ones.
"""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
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


@dataclass(frozen=True)
class DemoPartner:
    name: str
    sector: str
    roles: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class DemoNetwork:
    name: str
    region: str
    form: str
    start_date: dt.date
    claimed_phase: int
    description: str
    common_goal: str
    target_group: str
    funding: str
    origin: str
    client_count: int | None
    partners: tuple[DemoPartner, ...]


P, C = ChainRole.CHAIN_PARTNER, ChainRole.CHAIN_DIRECTOR

DEMO_NETWORKS: tuple[DemoNetwork, ...] = (
    DemoNetwork(
        name="Duurzame Jeugdzorg Flevoland",
        region="Flevoland (Almere Poort)",
        form=NetworkForm.CONFIGURATION,
        start_date=dt.date(2009, 6, 9),
        claimed_phase=1,
        description="Vier partijen ontwikkelen samen een gecombineerde drie-milieusvoorziening voor jeugdzorg in "
        "Almere Poort.",  # source: seed 004 §5.2
        common_goal="Eén jongere, één plan: intensieve zorg, behandeling en onderwijs op één plek, zonder "
        "verhuizingen als de zorgvraag verandert.",
        target_group="Kinderen en jongeren van 10 tot 23 jaar met ernstige gedragsproblemen die intensieve hulp "
        "nodig hebben.",
        funding="Elke partij brengt haar eigen plaatsen ('bedden') in; schaalvoordeel door de gezamenlijke opzet.",
        origin="Intentieovereenkomst ondertekend op 9 juni 2009.",
        client_count=130,
        partners=(
            DemoPartner("Rentray", Sector.YOUTH_CARE, (P, ChainRole.CHAIN_OWNER), "jeugdzorg+ (gesloten)"),
            DemoPartner("Fornhese (Symforagroep)", Sector.MENTAL_HEALTH, (P, ChainRole.PROFESSIONAL),
                        "kinder- en jeugdpsychiatrie"),
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
        "Beleidsgroep Jeugd.",  # source: seed 004 §5.2
        common_goal="Een aaneengesloten, op elkaar afgestemd zorgtraject voor jeugdigen die zorg uit meerdere "
        "sectoren nodig hebben, gericht op de met de cliënt afgesproken zorgdoelen.",
        target_group="Jeugdigen met complexe, intersectorale problematiek.",
        funding="Zorgverzekeraars stellen een casusbudget beschikbaar, de provincie een pilotfinanciering.",
        origin="Convenant afgesloten in 2008 voor twee jaar; geëvalueerd in 2009.",
        client_count=None,
        partners=(
            DemoPartner("Bureau Jeugdzorg Gelderland", Sector.YOUTH_CARE, (P, C), "verwijzer jeugdzorg"),
            DemoPartner("MEE Oost-Gelderland", Sector.DISABILITY_CARE, (P,), "verwijzer AWBZ-zorg"),
            DemoPartner("De Lichtenvoorde", Sector.DISABILITY_CARE, (P, ChainRole.PROFESSIONAL)),
            DemoPartner("Zozijn", Sector.DISABILITY_CARE, (P, ChainRole.PROFESSIONAL)),
            DemoPartner("GGNet", Sector.MENTAL_HEALTH, (P, ChainRole.PROFESSIONAL)),
            DemoPartner("Karakter", Sector.MENTAL_HEALTH, (P, ChainRole.PROFESSIONAL)),
            DemoPartner("Pactum", Sector.YOUTH_CARE, (P,), "jeugdzorg en educatie"),
            DemoPartner("Lindenhout", Sector.YOUTH_CARE, (P,)),
            DemoPartner("Provincie Gelderland", Sector.PROVINCE, (ChainRole.FUNDER, ChainRole.COMMISSIONER),
                        "pilotfinanciering"),
        ),
    ),
    DemoNetwork(
        name="Doen wat werkt",
        region="Noord-Nederland",
        form=NetworkForm.LINEAR,
        start_date=dt.date(2006, 3, 1),
        claimed_phase=4,
        description="Bovenprovinciaal, intersectoraal behandelprogramma als alternatief voor plaatsing in een "
        "justitiële jeugdinrichting; winnaar van de Nationale Jeugdzorgprijs 2007.",  # source: seed 004 §5.2
        common_goal="Doorlopende, niet-vrijblijvende hulp waarin het gezin deel is van de oplossing: korte "
        "gesloten plaatsing, daarna intensieve thuisbehandeling (FFT, MST, MDFT) met onderwijs of werk.",
        target_group="Jongeren met ernstige gedragsproblemen en veiligheidsrisico's, en hun gezinnen.",
        funding="In de projectperiode: de drie noordelijke provincies en drie ministeries; nu regulier ingebed.",
        origin="Initiatief van de directies van de deelnemende instellingen in 2005; projectgroep vanaf 2006.",
        client_count=None,
        partners=(
            DemoPartner("Accare", Sector.MENTAL_HEALTH, (P, ChainRole.PROFESSIONAL),
                        "kinder- en jeugdpsychiatrie Noord-Nederland"),
            DemoPartner("Yorneo", Sector.YOUTH_CARE, (P,), "jeugdzorg Drenthe"),
            DemoPartner("Het Poortje", Sector.YOUTH_CARE, (P, C), "jeugdzorg+"),
            DemoPartner("Portalis", Sector.EDUCATION, (P,), "onderwijs en arbeidstoeleiding"),
            DemoPartner("Tjallinga Hiem", Sector.DISABILITY_CARE, (P,), "licht verstandelijk beperkte jongeren"),
            DemoPartner("Forensische Jeugdpsychiatrie", Sector.MENTAL_HEALTH, (ChainRole.KNOWLEDGE_PARTNER,),
                        "op consultbasis"),
        ),
    ),
)

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
def demo_networks_load(*, members_per_partner: int = 3) -> list[Network]:
    admin = _demo_user(email=DEMO_LOGINS["admin"], first_name="Beheerder", last_name="Demo",
                       is_staff=True, is_superuser=True)
    del admin  # created for the login list; it needs no membership
    coordinator = _demo_user(email=DEMO_LOGINS["coordinator"], first_name="Coby", last_name="Coördinator")
    member = _demo_user(email=DEMO_LOGINS["member"], first_name="Lieke", last_name="Lid")
    researcher = _demo_user(email=DEMO_LOGINS["researcher"], first_name="Olaf", last_name="Onderzoeker")
    researcher.groups.add(Group.objects.get(name="Onderzoekers"))

    networks = []
    person = 0
    for spec in DEMO_NETWORKS:
        network, _ = Network.objects.update_or_create(
            slug=_slug(spec.name),
            defaults={
                "name": spec.name, "region": spec.region, "form": spec.form, "start_date": spec.start_date,
                "claimed_phase": spec.claimed_phase, "description": spec.description,
                "common_goal": spec.common_goal, "target_group": spec.target_group, "funding": spec.funding,
                "origin": spec.origin, "client_count": spec.client_count, "research_consent": True,
            },
        )
        networks.append(network)
        for partner in spec.partners:
            organisation, _ = Organisation.objects.update_or_create(
                name=partner.name, defaults={"sector": partner.sector, "contact": partner.note}
            )
            Partnership.objects.update_or_create(
                network=network, organisation=organisation, defaults={"roles": list(partner.roles)}
            )
            for i in range(members_per_partner):
                first = FIRST_NAMES[person % len(FIRST_NAMES)]
                last = LAST_NAMES[(person * 7) % len(LAST_NAMES)]
                email = f"{_slug(first)}.{_slug(last)}.{person}@{DEMO_DOMAIN}"
                person += 1
                user = _demo_user(email=email, first_name=first, last_name=last)
                Membership.objects.update_or_create(
                    network=network, user=user,
                    defaults={"role": PlatformRole.MEMBER, "organisation": organisation,
                              "level": LEVEL_CYCLE[i % len(LEVEL_CYCLE)], "chain_role": ChainRole.PROFESSIONAL
                              if LEVEL_CYCLE[i % len(LEVEL_CYCLE)] == Level.OPERATIONAL else ChainRole.CHAIN_PARTNER},
                )
        first_partner = Partnership.objects.filter(network=network).select_related("organisation").first()
        Membership.objects.update_or_create(
            network=network, user=coordinator,
            defaults={"role": PlatformRole.COORDINATOR, "organisation": first_partner.organisation,
                      "level": Level.TACTICAL, "chain_role": ChainRole.CHAIN_DIRECTOR},
        )
        Membership.objects.update_or_create(
            network=network, user=member,
            defaults={"role": PlatformRole.MEMBER, "organisation": first_partner.organisation,
                      "level": Level.OPERATIONAL, "chain_role": ChainRole.PROFESSIONAL},
        )
    return networks


def _slug(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text)
