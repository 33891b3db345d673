"""Prepare a database for the load test: one network, 50 invited members, an open round, a coordinator.

Writes the invitation tokens and URLs to a JSON file that the locustfile reads. Run through
bench/loadtest/run.py, which also starts the server; DJANGO_SETTINGS_MODULE and DATABASE_URL come from there.
"""

import json
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from assessments.models import Instrument  # noqa: E402
from networks.models import Level, Membership, Network, Organisation, Partnership, PlatformRole, Sector  # noqa: E402
from rounds.models import Invitation, Round, RoundStatus  # noqa: E402

PASSWORD = "load-test-password-2026"


def main(out: Path, respondents: int) -> None:
    User = get_user_model()
    instrument = Instrument.objects.latest_published()
    if instrument is None:
        raise SystemExit("No published instrument: run manage.py load_instruments first.")
    network = Network.objects.create(name="Loadtest netwerk", slug="loadtest")
    organisations = []
    for i in range(5):
        org = Organisation.objects.create(name=f"Loadtest partner {i + 1}", sector=Sector.YOUTH_CARE)
        Partnership.objects.create(network=network, organisation=org, roles=["ketenpartner"])
        organisations.append(org)
    coordinator = User.objects.create_user(username="coord@load.test", email="coord@load.test", password=PASSWORD)
    Membership.objects.create(network=network, user=coordinator, role=PlatformRole.COORDINATOR,
                              organisation=organisations[0], level=Level.TACTICAL)
    round_ = Round.objects.create(network=network, name="Loadtest", slug="loadtest", instrument=instrument,
                                  status=RoundStatus.OPEN)
    round_.optional_modules.set(instrument.modules.filter(optional=True))
    tokens = []
    levels = list(Level.values)
    for i in range(respondents):
        user = User.objects.create_user(username=f"r{i}@load.test", email=f"r{i}@load.test")
        Membership.objects.create(network=network, user=user, organisation=organisations[i % 5],
                                  level=levels[i % 3])
        tokens.append(Invitation.objects.create(round=round_, user=user).token)
    try:
        report_url = reverse("reports:pdf", kwargs={"network_slug": network.slug, "round_slug": round_.slug})
    except NoReverseMatch:
        report_url = None
    out.write_text(json.dumps({
        "tokens": tokens,
        "coordinator": {"email": coordinator.email, "password": PASSWORD},
        "monitor_url": reverse("rounds:monitor", kwargs={"network_slug": network.slug, "round_slug": round_.slug}),
        "report_url": report_url,
        "round_id": round_.pk,
    }, indent=2))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(os.environ.get("LOADTEST_RESPONDENTS", "50")))
