"""export_research, generate_synthetic and refresh_score_snapshots."""

import io

import pytest
from django.core.management import CommandError, call_command

from networks.models import Network
from research.models import ConsentEvent, ExportLog, RoundScoreSnapshot
from rounds.models import Answer, Response, Round, RoundStatus
from tests.research.research_testkit import body, download, read_csv


@pytest.fixture
def round_(consenting, make_round):
    return make_round(network=consenting(), respondents=4)


@pytest.mark.parametrize("layout", ["long", "wide", "scores", "codebook"])
def test_command_writes_the_same_file_as_the_website(client_for, researcher, round_, tmp_path, layout):
    target = tmp_path / f"{layout}.csv"
    call_command("export_research", layout=layout, format="csv", bom=True, semicolon=True, output=str(target),
                 stderr=io.StringIO())
    web = body(download(client_for(researcher), layout=layout, format="csv", bom="on", semicolon="on"))
    assert target.read_bytes() == web


def test_command_logs_the_operating_system_user(round_, tmp_path):
    err = io.StringIO()
    call_command("export_research", output=str(tmp_path / "x.csv"), stderr=err)
    log = ExportLog.objects.get()
    assert log.user is None and log.channel == "cli" and log.actor_label.startswith("cli:")
    assert log.row_count == Answer.objects.filter(response__round=round_).count()
    assert f"export #{log.pk}: {log.row_count} rows" in err.getvalue()


def test_command_writes_to_standard_output(round_):
    out = io.StringIO()
    call_command("export_research", layout="wide", stdout=out, stderr=io.StringIO())
    assert len(read_csv(out.getvalue().encode())) == 4


@pytest.mark.parametrize("options, message", [
    ({"instrument": "ketenregie:42"}, "bestaat niet"),
    ({"date_from": "gisteren"}, "--from"),
    ({"phase": "8"}, "--phase"),
    ({"layout": "codebook", "format": "r"}, "R- en SPSS-syntax"),
])
def test_command_refuses_bad_options_with_a_message(db, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_research", stderr=io.StringIO(), **options)
    assert not ExportLog.objects.exists()


def test_generate_synthetic_creates_consenting_closed_rounds_with_full_answers(db, instrument):
    out = io.StringIO()
    call_command("generate_synthetic", networks=3, rounds=2, respondents=4, seed=11, stdout=out)
    networks = Network.objects.filter(slug__startswith="syn-11-")
    assert networks.count() == 3 and all(n.research_consent for n in networks)
    assert ConsentEvent.objects.filter(network__in=networks, granted=True).count() == 3
    rounds = Round.objects.filter(network__in=networks)
    assert rounds.count() == 6 and set(rounds.values_list("status", flat=True)) == {RoundStatus.CLOSED}
    assert Response.objects.filter(round__in=rounds, submitted_at__isnull=False).count() == 24
    items = instrument.items.count()
    assert Answer.objects.filter(response__round__in=rounds).count() == 24 * items
    assert all(r.optional_modules.count() == 4 for r in rounds)
    assert RoundScoreSnapshot.objects.filter(round__in=rounds, area="overall").count() == 6
    assert "24 responses" in out.getvalue()


def test_generate_synthetic_is_reproducible_per_seed_and_refuses_reuse(db):
    call_command("generate_synthetic", networks=1, rounds=1, respondents=3, seed=5, no_snapshots=True,
                 stdout=io.StringIO())
    first = list(Answer.objects.order_by("response__round__network__slug", "response_id", "item_id")
                 .values_list("value", flat=True))
    with pytest.raises(CommandError, match="seed 5"):
        call_command("generate_synthetic", networks=1, rounds=1, respondents=3, seed=5, stdout=io.StringIO())
    Network.objects.filter(slug__startswith="syn-5-").delete()
    call_command("generate_synthetic", networks=1, rounds=1, respondents=3, seed=5, no_snapshots=True,
                 stdout=io.StringIO())
    second = list(Answer.objects.order_by("response__round__network__slug", "response_id", "item_id")
                  .values_list("value", flat=True))
    assert first == second


def test_refresh_score_snapshots_stores_closed_rounds(round_, make_round):
    open_round = make_round(network=round_.network, status=RoundStatus.OPEN)
    call_command("refresh_score_snapshots", stdout=io.StringIO())
    assert RoundScoreSnapshot.objects.filter(round=round_).count() == 7  # six areas and the overall score
    assert not RoundScoreSnapshot.objects.filter(round=open_round).exists()
    overall = RoundScoreSnapshot.objects.get(round=round_, area="overall")
    assert overall.respondents == 4 and overall.presence is not None
