"""The source texts behind the instrument and the advice, cited the way a reader expects.

The instrument and the advice files keep structured references (``file``, ``section``, ``lines``), where
``file`` is the number of a source text (000-004). This module is the one place that turns such a
reference into a citation a board member can follow: author and year, then chapter or section
(``De Bruin & Gelderloos (2010), § 4.6``), and a bibliography entry with author, year, title and
publisher. Line numbers are for reviewers who check a text against its source: only
:func:`citation` with ``lines=True`` prints them.

What the entries say is what the source texts themselves say (their first pages, colophons and
reference lists). Where a source does not name its authors, year or publisher, the entry says so
instead of guessing: "z.j." (zonder jaar) / "n.d." (no date) is the usual bibliographic mark.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Work:
    key: str
    cite: Mapping[str, str]  # short form in the text: author(s) and year, per language
    entry: Mapping[str, str]  # the bibliography entry, per language
    primary: bool = True  # one of the source texts (else a work those texts cite)


def _both(text: str) -> dict[str, str]:
    return {"nl": text, "en": text}


WORKS: tuple[Work, ...] = (
    Work(
        key="004",
        cite=_both("De Bruin & Gelderloos (2010)"),
        entry={
            "nl": "De Bruin, A. & Gelderloos, A. (2010). Sterke Schakels: op zoek naar succesfactoren voor "
                  "ketensamenwerking in de Jeugdzorg. Thesis MBA-Health, Erasmus Universiteit Rotterdam.",
            "en": "De Bruin, A. & Gelderloos, A. (2010). Sterke Schakels: op zoek naar succesfactoren voor "
                  "ketensamenwerking in de Jeugdzorg [Strong links: success factors for chain collaboration in "
                  "youth care]. MBA-Health thesis, Erasmus University Rotterdam.",
        },
    ),
    Work(
        key="003",
        cite={"nl": "Beemer e.a. (z.j.)", "en": "Beemer et al. (n.d.)"},
        entry={
            "nl": "Beemer, F.A., Van Roost, M.A.R., De Ruigh-Horstmanshof, H., Van der Aa, A.H.E. & Konijn, T.P.J. "
                  "(z.j.). Ruimte voor regie: handreiking voor ketenregie in het openbaar bestuur. Den Haag: "
                  "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties.",
            "en": "Beemer, F.A., Van Roost, M.A.R., De Ruigh-Horstmanshof, H., Van der Aa, A.H.E. & Konijn, T.P.J. "
                  "(n.d.). Ruimte voor regie: handreiking voor ketenregie in het openbaar bestuur [Room for "
                  "direction: a guide to chain direction in public administration]. The Hague: Ministry of the "
                  "Interior and Kingdom Relations.",
        },
    ),
    Work(
        key="000",
        cite={"nl": "Keten- en netwerkmanagement (z.j.)", "en": "Keten- en netwerkmanagement (n.d.)"},
        entry={
            "nl": "Keten- en netwerkmanagement: hoe samenwerking in ketens en netwerken op het vlak van zorg en "
                  "welzijn bevorderen door coördinatie en regie? (z.j.). Eindrapport van een Vlaams "
                  "onderzoeksproject. Auteurs en uitgever worden in de beschikbare tekst niet genoemd.",
            "en": "Keten- en netwerkmanagement: hoe samenwerking in ketens en netwerken op het vlak van zorg en "
                  "welzijn bevorderen door coördinatie en regie? [Chain and network management in care and "
                  "welfare] (n.d.). Final report of a Flemish research project. The available text does not name "
                  "its authors or publisher.",
        },
    ),
    Work(
        key="001",
        cite={"nl": "Werknota 10 (z.j.)", "en": "Werknota 10 (n.d.)"},
        entry={
            "nl": "Werknota 10: De netwerken van Integrale Jeugdhulp geanalyseerd vanuit een keten- en "
                  "netwerkmanagementperspectief. Een casestudie (z.j.). Onderdeel van een ruimer Vlaams onderzoek "
                  "naar keten- en netwerksamenwerking in de zorg- en welzijnssector. Auteurs en uitgever worden in "
                  "de beschikbare tekst niet genoemd.",
            "en": "Werknota 10: De netwerken van Integrale Jeugdhulp geanalyseerd vanuit een keten- en "
                  "netwerkmanagementperspectief. Een casestudie [Working paper 10: the Integrale Jeugdhulp networks "
                  "seen from chain and network management; a case study] (n.d.). Part of a wider Flemish study of "
                  "chain and network collaboration in care and welfare. The available text does not name its "
                  "authors or publisher.",
        },
    ),
    Work(
        key="002",
        cite={"nl": "Bijdrage SWVG-symposium (2020)", "en": "SWVG symposium contribution (2020)"},
        entry={
            "nl": "Bijdrage gebaseerd op een presentatie tijdens het SWVG-symposium 'Jeugdhulp in Vlaanderen: Op "
                  "het kruispunt tussen onderzoek, praktijk en beleid', 20 november 2020. De beschikbare tekst "
                  "noemt geen titel, auteurs of uitgever. Ze bevat drie checks voor wie samenwerkt: Check 1 en "
                  "Check 3 zijn van de auteurs zelf, Check 2 bespreekt de negen samenwerkingsuitdagingen van "
                  "Kaats & Opheij (2012).",
            "en": "Contribution based on a presentation at the SWVG symposium 'Jeugdhulp in Vlaanderen: Op het "
                  "kruispunt tussen onderzoek, praktijk en beleid' (youth care in Flanders), 20 November 2020. The "
                  "available text names no title, authors or publisher. It holds three checks for people who "
                  "collaborate: Checks 1 and 3 are the authors' own, Check 2 discusses the nine collaboration "
                  "challenges of Kaats & Opheij (2012).",
        },
    ),
    Work(
        key="kaats-opheij-2012",
        cite=_both("Kaats & Opheij (2012)"),
        entry=_both("Kaats, E. & Opheij, W. (2012). Leren samenwerken tussen organisaties: allianties, netwerken, "
                    "ketens, partnerships. Deventer: Kluwer."),
        primary=False,
    ),
    Work(
        key="minkman-2009",
        cite={"nl": "Minkman e.a. (2009)", "en": "Minkman et al. (2009)"},
        entry=_both("Minkman, M., Ahaus, K. & Huijsman, R. (2009). A four phase development model for integrated "
                    "care services in the Netherlands. BMC Health Services Research."),
        primary=False,
    ),
    Work(
        key="agranoff-2012",
        cite=_both("Agranoff (2012)"),
        entry=_both("Agranoff, R. (2012). Collaborating to Manage: A Primer for the Public Sector. Georgetown: "
                    "Georgetown University Press."),
        primary=False,
    ),
)

BY_KEY = {work.key: work for work in WORKS}

# Parts of a source whose content is another author's: the citation names both (the text and its source).
# (file, pattern on the section) -> key of the work it draws on.
DRAWS_ON = (
    ("002", re.compile(r"^Check 2\b"), "kaats-opheij-2012"),
    ("002", re.compile(r"^Check 3\b"), "agranoff-2012"),
    ("004", re.compile(r"^(4\.3\b(?!\s*\(kader)|Bijlage 1\b)"), "minkman-2009"),
)

_NUMBERED = re.compile(r"^\d+(\.\d+)*\b")


def _lang(language: str) -> str:
    return "en" if (language or "nl").startswith("en") else "nl"


def _section_part(part: str) -> str:
    part = part.strip()
    return f"§ {part}" if _NUMBERED.match(part) else part


def citation(*, source: Mapping[str, str], language: str, lines: bool = False) -> str:
    """"De Bruin & Gelderloos (2010), § 6.5 aanbeveling 1 (durf en slagkracht); § 5.4".

    With ``lines=True`` the line numbers in the source text follow, for reviewers.
    """
    lang = _lang(language)
    file = str(source.get("file") or "")
    work = BY_KEY.get(file)
    head = work.cite[lang] if work else (f"bron {file}" if lang == "nl" else f"source {file}")
    parts = []
    for part in (source.get("section") or "").split(";"):
        if not part.strip():
            continue
        text = _section_part(part)
        for draws_file, pattern, key in DRAWS_ON:
            if draws_file == file and pattern.match(part.strip()):
                other = BY_KEY[key].cite[lang]
                text += f", {'naar' if lang == 'nl' else 'after'} {other}"
                break
        parts.append(text)
    result = head + (", " + "; ".join(parts) if parts else "")
    if lines and source.get("lines"):
        label = "regels" if lang == "nl" else "lines"
        result += f" ({label} {source['lines']})"
    return result


def bibliography(*, language: str) -> list[str]:
    """Every work in alphabetical order of its entry, as the reference list prints it."""
    lang = _lang(language)
    return sorted((work.entry[lang] for work in WORKS), key=lambda entry: entry.lower())
