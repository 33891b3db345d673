"""What the thesis found in its three practice examples (seed 004 "Sterke Schakels", ch. 5.1-5.4): plain data.

Chapter 5.4 (lines 2089-2282) judges every success factor in the three examples on two questions: is it
present (volledig / gedeeltelijk / niet aanwezig) and is it recognised as an important success factor (yes /
no). ``THESIS_FACTORS`` writes that reading down, factor by factor, with the lines it rests on. The thesis
mirror test scores it, and the demo simulates its answers from it; no Django here, so both can use it.
"""

from __future__ import annotations

FULL, PARTLY, NOT = "full", "partly", "not"
YES, NO = "yes", "no"

FLEVOLAND = "duurzame-jeugdzorg-flevoland"
OOST_GELDERLAND = "ketenconvenant-oost-gelderland"
DOEN_WAT_WERKT = "doen-wat-werkt"
THESIS_CASES = (FLEVOLAND, OOST_GELDERLAND, DOEN_WAT_WERKT)

THESIS_PHASES = {FLEVOLAND: (1,), OOST_GELDERLAND: (2, 3), DOEN_WAT_WERKT: (4,)}
"""Where ch. 5.1 places each example (lines 1754-1775): Flevoland 1, Oost-Gelderland between 2 and 3, DWW 4."""

# factor: (presence per example, importance per example), examples in THESIS_CASES order.
THESIS_FACTORS: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    # 2105-2107: "komt gedeeltelijk naar voren ... niet als belangrijke succesfactor herkend"
    "SF.K1": ((PARTLY,) * 3, (NO,) * 3),
    # 2116-2120: "gedeeltelijk tot niet aanwezig ... niet benoemd als belangrijke succesfactor"
    "SF.K2": ((PARTLY, NOT, PARTLY), (NO,) * 3),
    # 2124-2127: involvement "niet expliciet vastgelegd"; "niet benoemd als belangrijke"
    "SF.K3": ((NOT,) * 3, (NO,) * 3),
    # 2136-2139: "komt naar voren binnen alle"; "niet genoemd als belangrijke succesfactor"
    "SF.P1": ((FULL,) * 3, (NO,) * 3),
    # 2144-2146: agreements made and laid down in all; "niet expliciet benoemd"
    "SF.P2": ((FULL,) * 3, (NO,) * 3),
    # 2152-2154: "veel aandacht" in all; "In alle interviews ... belangrijke succesfactor"
    "SF.P3": ((FULL,) * 3, (YES,) * 3),
    # 2162-2165: "komt gedeeltelijk aan de orde"; "niet genoemd als belangrijke"
    "SF.N1": ((PARTLY,) * 3, (NO,) * 3),
    # 2169-2171: "naar voren binnen alle"; "gezien als belangrijke succesfactor"
    "SF.N2": ((FULL,) * 3, (YES,) * 3),
    # 2175-2179: domains de facto separate, not consciously settled; not named
    "SF.N3": ((PARTLY,) * 3, (NO,) * 3),
    # 2185-2190: "In alle ... nadrukkelijk"; "gezien als een belangrijke succesfactor"
    "SF.N4": ((FULL,) * 3, (YES,) * 3),
    # 2193-2197: number of participants "slechts ten dele onderwerp"; not named
    "SF.N5": ((PARTLY,) * 3, (NO,) * 3),
    # 2206-2208: a ketenregisseur in all, agreements made; "niet ... belangrijke succesfactor"
    "SF.O1": ((FULL,) * 3, (NO,) * 3),
    # 2214-2218: "gedeeltelijk aanwezig"; "niet duidelijk ... belangrijke succesfactor"
    "SF.O2": ((PARTLY,) * 3, (NO,) * 3),
    # 2222-2226: "binnen alle praktijkvoorbeelden aanwezig"; formal consultation not named
    "SF.O3": ((FULL,) * 3, (NO,) * 3),
    # 2232-2234: results mostly at collaboration level, hardly client level; not named
    "SF.O4": ((PARTLY,) * 3, (NO,) * 3),
    # 2240-2245: vision and strategy in all; "gezien als een belangrijke succesfactor"
    "SF.O5": ((FULL,) * 3, (YES,) * 3),
    # 2249-2252: "nadrukkelijk benoemd in twee van de drie" examples, which were set up as a project. The
    # seed does not say which example is the third; the mirror test uses the last one, the demo none
    # (DEMO_FACTOR_OVERRIDES), so that no named network is given a finding the thesis does not give it.
    "SF.O6": ((FULL, FULL, NOT), (YES, YES, NO)),
    # 2259-2262: regelruimte created "in alle"; "gezien als een belangrijke succesfactor"
    "SF.C1": ((FULL,) * 3, (YES,) * 3),
    # 2267-2275: "een hele belangrijke, waar nu nog de mogelijkheden voor ontbreken"
    "SF.C2": ((NOT,) * 3, (YES,) * 3),
    # 2279-2282: an agreement "in alle praktijkvoorbeelden"; "niet expliciet benoemd"
    "SF.C3": ((FULL,) * 3, (NO,) * 3),
    # 2394-2400: durf "in alle interviews naar voren gekomen als succesfactor", at all three levels
    "SF.X1": ((FULL,) * 3, (YES,) * 3),
}

DEMO_FACTOR_OVERRIDES = {"SF.O6": ((FULL,) * 3, (YES,) * 3)}
"""Where the demo departs from the mirror's reading, and why: see the comment on SF.O6 above."""
