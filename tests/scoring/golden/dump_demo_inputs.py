"""Write the scoring engine's inputs for every demo round to demo_inputs.json (run once, by hand).

    .venv/bin/python tests/scoring/golden/dump_demo_inputs.py

The golden test (tests/scoring/test_scoring_golden.py) scores these inputs and compares the result with the stored
output, so it needs no database; this script is how the inputs were taken from ``load_demo``. It uses a temporary
SQLite database and touches nothing else.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import tempfile
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ketenregie-golden-") as tmp:
        os.environ["DJANGO_SETTINGS_MODULE"] = "ketenregie.settings.test"
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/golden.sqlite3"
        os.environ["LOG_LEVEL"] = "WARNING"
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("load_instruments", stdout=StringIO())
        call_command("load_demo", stdout=StringIO())
        from results.selectors import round_item_specs, round_previous, round_respondents
        from rounds.models import Answer, Round

        rounds = []
        for round in Round.objects.select_related("network").order_by("network__slug", "slug"):
            if not Answer.objects.filter(response__round=round, response__submitted_at__isnull=False).exists():
                continue
            previous = round_previous(round=round)
            rounds.append({
                "name": f"{round.network.slug}/{round.slug}",
                "previous": None if previous is None else f"{previous.network.slug}/{previous.slug}",
                "network_claimed_phase": round.network.claimed_phase,
                "items": [dataclasses.asdict(spec) for spec in round_item_specs(round=round)],
                "respondents": [
                    {"id": r.id, "organisation": r.organisation, "level": r.level, "role": r.role,
                     "answers": dict(r.answers), "not_applicable": sorted(r.not_applicable)}
                    for r in round_respondents(round=round)
                ],
            })
    (HERE / "demo_inputs.json").write_text(json.dumps(rounds, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(rounds)} demo rounds written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
