"""Import of paper and workshop responses: complete validation first, nothing written on any problem."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessments.models import Instrument
from results.models import ImportJob, ImportStatus
from results.services import IMPORT_CHUNK_SIZE, import_job_create, import_job_run, responses_import
from rounds.models import Answer, Response, Round, RoundStatus
from tests.results.results_testkit import make_round, network_scores, write_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_round(network, instrument):
    return make_round(network=network, slug="najaar", status=RoundStatus.OPEN)


@pytest.fixture
def partner(network):
    return network.partnerships.select_related("organisation").first().organisation


def _file(network, round_slug="najaar", responses=None):
    return {"network": network.slug, "round": round_slug, "responses": responses or []}


def _good(partner):
    return [
        {"respondent": "P-1", "organisation": partner.name, "level": "tactisch",
         "answers": {"SF.K1.presence": 4, "MK.1.1": 3, "KO.2": 1, "KO.3": None}},
        {"respondent": "P-2", "answers": {"SF.K1.presence": 2}},
    ]


def _state():
    """Everything an import could touch."""
    return (Response.objects.count(), Answer.objects.count(), Round.objects.count(),
            sorted(Round.objects.values_list("pk", "answers_changed_at", "status")))


def _import(tmp_path, data, *args):
    call_command("import_responses", str(write_json(tmp_path, data)), *args)


def test_import_creates_submitted_responses_and_keeps_dont_know_apart(tmp_path, network, open_round, partner):
    _import(tmp_path, _file(network, responses=_good(partner)))
    first = Response.objects.get(round=open_round, external_id="P-1")
    assert first.is_submitted and first.organisation == partner and first.level == "tactisch"
    answers = dict(first.answers.values_list("item__code", "value"))
    assert answers == {"SF.K1.presence": 4, "MK.1.1": 3, "KO.2": 1, "KO.3": None}  # null -> a "weet niet" row
    second = Response.objects.get(round=open_round, external_id="P-2")
    assert second.organisation is None and second.level == ""
    assert list(second.answers.values_list("item__code", flat=True)) == ["SF.K1.presence"]  # absent -> no row
    open_round.refresh_from_db()
    assert open_round.answers_changed_at is not None
    assert open_round.status == RoundStatus.OPEN


def test_reimport_updates_instead_of_duplicating(tmp_path, network, open_round, partner):
    _import(tmp_path, _file(network, responses=_good(partner)))
    corrected = [{"respondent": "P-1", "level": "strategisch", "answers": {"SF.K1.presence": 5}}]
    _import(tmp_path, _file(network, responses=corrected))
    assert Response.objects.filter(round=open_round).count() == 2
    first = Response.objects.get(round=open_round, external_id="P-1")
    assert first.level == "strategisch" and first.organisation is None
    # The corrected form replaces the old one: items it leaves out are no longer answered.
    assert dict(first.answers.values_list("item__code", "value")) == {"SF.K1.presence": 5}


BAD_RESPONSES = [
    ({"respondent": "R-1", "answers": {"SF.Q9.presence": 3}}, ["R-1", "SF.Q9.presence", "onbekende itemcode"]),
    ({"respondent": "R-2", "answers": {"SF.K1.presence": 7}}, ["R-2", "SF.K1.presence", "hoort niet bij de schaal"]),
    ({"respondent": "R-3", "answers": {"MK.1.1": 4}}, ["R-3", "MK.1.1", "toegestaan: 0, 1, 2, 3"]),
    ({"respondent": "R-4", "answers": {"KO.2": "2"}}, ["R-4", "KO.2", "hoort niet bij de schaal"]),
    ({"respondent": "R-5", "answers": {"KO.2": True}}, ["R-5", "KO.2", "hoort niet bij de schaal"]),
    ({"respondent": "R-6", "answers": {"KW.1": 3}}, ["R-6", "KW.1", "module KW staat in deze ronde niet aan"]),
    ({"respondent": "R-7", "organisation": "Onbekende BV", "answers": {}}, ["R-7", "Onbekende BV", "geen partner"]),
    ({"respondent": "R-8", "level": "directie", "answers": {}}, ["R-8", "directie", "niveau"]),
    ({"respondent": "R-9", "role": "baas", "answers": {}}, ["R-9", "baas", "rol"]),
    ({"respondent": "R-10", "answer": {}}, ["R-10", "onbekend veld “answer”"]),
    ({"answers": {"KO.1": 1}}, ["Respons nr. 2", "respondent"]),
    ({"respondent": "R-11", "answers": [1, 2]}, ["R-11", "answers"]),
]


@pytest.mark.parametrize(("entry", "expected"), BAD_RESPONSES)
def test_each_problem_names_respondent_and_item_and_nothing_is_written(tmp_path, network, open_round, partner,
                                                                       capsys, entry, expected):
    before = _state()
    # One good response beside the bad one: it must not be imported either.
    data = _file(network, responses=[_good(partner)[0], entry])
    with pytest.raises(CommandError, match="niets geïmporteerd"):
        _import(tmp_path, data)
    errors = capsys.readouterr().err
    for fragment in expected:
        assert fragment in errors
    assert _state() == before


def test_all_problems_are_listed_at_once(tmp_path, network, open_round, capsys):
    data = _file(network, responses=[
        {"respondent": "A", "answers": {"SF.K1.presence": 9, "XX.1": 1}},
        {"respondent": "B", "level": "nope", "answers": {"KO.1": 8}},
        {"respondent": "A", "answers": {}},
    ])
    with pytest.raises(CommandError, match="5 probleem"):
        _import(tmp_path, data)
    errors = capsys.readouterr().err
    assert "Respondent A, item SF.K1.presence" in errors and "Respondent A, item XX.1" in errors
    assert "Respondent B, item KO.1" in errors and "twee keer" in errors


@pytest.mark.parametrize(("change", "message"), [
    ({"network": "bestaat-niet"}, "bestaat niet"),
    ({"round": "bestaat-niet"}, "--create-round"),
    ({"network": None}, "“network” ontbreekt"),
    ({"responses": []}, "minstens één respons"),
    ({"extra": 1}, "Onbekend veld “extra”"),
])
def test_file_level_problems(tmp_path, network, open_round, partner, capsys, change, message):
    before = _state()
    data = {**_file(network, responses=_good(partner)), **change}
    with pytest.raises(CommandError):
        _import(tmp_path, data)
    assert message in capsys.readouterr().err
    assert _state() == before


def test_closed_round_is_refused(tmp_path, network, instrument, partner, capsys):
    make_round(network=network, slug="dicht", status=RoundStatus.CLOSED)
    before = _state()
    with pytest.raises(CommandError):
        _import(tmp_path, _file(network, "dicht", _good(partner)))
    assert "gesloten" in capsys.readouterr().err
    assert _state() == before


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00garbage", b""])
def test_unreadable_file(tmp_path, db, capsys, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(CommandError):
        call_command("import_responses", str(path))
    assert "JSON" in capsys.readouterr().err or "UTF-8" in capsys.readouterr().err


def test_missing_file(tmp_path, db):
    with pytest.raises(CommandError, match="Kan .* niet lezen"):
        call_command("import_responses", str(tmp_path / "nope.json"))


def test_create_round_makes_and_closes_the_round(tmp_path, network, instrument, partner):
    data = {**_file(network, "papier-2019", _good(partner)), "name": "Papieren ronde 2019",
            "closes_on": "2019-11-30"}
    data["responses"][1]["answers"]["BB.2"] = 4  # an optional module, switched on because it is answered
    data["responses"].append({"respondent": "P-3", "answers": {"SF.K1.presence": 3}})
    _import(tmp_path, data, "--create-round")
    round = Round.objects.get(network=network, slug="papier-2019")
    assert round.status == RoundStatus.CLOSED and round.closed_at is not None
    assert round.name == "Papieren ronde 2019" and str(round.closes_on) == "2019-11-30"
    assert round.instrument == Instrument.objects.latest_published()
    assert list(round.optional_modules.values_list("code", flat=True)) == ["BB"]
    assert Response.objects.filter(round=round).submitted().count() == 3
    scores = network_scores(network.slug)  # now the latest closed round
    assert scores["respondents"] == 3 and scores["items"]["SF.K1.presence"]["mean"] == 3.0
    # The round is closed now: importing into it again is refused, and nothing changes.
    before = _state()
    with pytest.raises(CommandError):
        _import(tmp_path, data, "--create-round")
    assert _state() == before


def test_create_round_validates_before_creating(tmp_path, network, instrument):
    before = _state()
    data = _file(network, "papier-2019", [{"respondent": "X", "answers": {"KO.1": 5}}])
    with pytest.raises(CommandError):
        _import(tmp_path, data, "--create-round")
    assert _state() == before


# ---------------------------------------------------------------------------------------------- upload page


def _upload(client, network, round, content: bytes, name="antwoorden.json"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("results:import", args=[network.slug, round.slug])
    return client.post(url, {"file": SimpleUploadedFile(name, content, content_type="application/json")})


def test_upload_checks_then_imports_in_a_job_whose_page_shows_the_result(client_for, network, open_round, partner,
                                                                         coordinator):
    client = client_for(coordinator)
    response = _upload(client, network, open_round, json.dumps(_file(network, responses=_good(partner))).encode())
    job = ImportJob.objects.get(round=open_round)
    assert response.status_code == 302
    assert response["Location"] == reverse("results:import_job", args=[network.slug, open_round.slug, job.pk])
    # The immediate backend of the tests ran the job inside enqueue(); a worker does it in production.
    assert job.status == ImportStatus.DONE and (job.created, job.updated, job.answers) == (2, 0, 5)
    assert job.payload == ""  # the file is not kept once it is imported
    assert Response.objects.filter(round=open_round).count() == 2
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "2 nieuwe en 0 bijgewerkte responsen" in page.content.decode()
    assert 'http-equiv="refresh"' not in page.content.decode()


def test_job_page_of_a_queued_import_refreshes_and_shows_progress(client_for, network, open_round, coordinator):
    job = ImportJob.objects.create(round=open_round, created_by=coordinator, total=40, done=10,
                                   status=ImportStatus.RUNNING, payload="{}")
    page = client_for(coordinator).get(reverse("results:import_job", args=[network.slug, open_round.slug, job.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert 'http-equiv="refresh"' in body and "10 van 40 responsen ingevoerd" in body and 'aria-valuenow="25"' in body


def test_job_page_is_for_the_coordinator_of_that_round_only(client_for, network, open_round, coordinator, member):
    job = ImportJob.objects.create(round=open_round, created_by=coordinator, total=1)
    url = reverse("results:import_job", args=[network.slug, open_round.slug, job.pk])
    assert client_for(member).get(url).status_code in (403, 404)
    other = make_round(network=network, slug="ander", status=RoundStatus.OPEN)
    wrong_round = reverse("results:import_job", args=[network.slug, other.slug, job.pk])
    assert client_for(coordinator).get(wrong_round).status_code == 404


def test_a_job_is_run_once_even_when_two_workers_get_it(network, open_round, partner, coordinator):
    job = import_job_create(round=open_round, user=coordinator, data=_file(network, responses=_good(partner)),
                            language="nl")
    assert job.status == ImportStatus.DONE
    assert import_job_run(job_id=job.pk) == "skipped"
    assert Response.objects.filter(round=open_round).count() == 2


def test_a_round_closed_between_upload_and_worker_fails_the_job_with_the_reason(network, open_round, partner,
                                                                                coordinator):
    job = ImportJob.objects.create(round=open_round, created_by=coordinator, total=2,
                                   payload=json.dumps(_file(network, responses=_good(partner))))
    Round.objects.filter(pk=open_round.pk).update(status=RoundStatus.CLOSED)
    assert import_job_run(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "gesloten" in job.error
    assert not Response.objects.filter(round=open_round).exists()


def test_a_large_import_is_written_in_chunks_with_a_bounded_number_of_queries(
        network, open_round, partner, django_assert_max_num_queries):
    responses = [{"respondent": f"P-{n}", "answers": {"SF.K1.presence": 4, "KO.2": 1}}
                 for n in range(3 * IMPORT_CHUNK_SIZE)]
    with django_assert_max_num_queries(120):  # per row it would be 3,000 and more
        result = responses_import(data=_file(network, responses=responses))
    assert (result.created, result.answers) == (3 * IMPORT_CHUNK_SIZE, 6 * IMPORT_CHUNK_SIZE)
    again = responses_import(data=_file(network, responses=responses[:IMPORT_CHUNK_SIZE + 1]))
    assert (again.created, again.updated) == (0, IMPORT_CHUNK_SIZE + 1)
    assert Answer.objects.filter(response__round=open_round).count() == 6 * IMPORT_CHUNK_SIZE


def test_upload_page_offers_the_form(client_for, network, open_round, coordinator):
    page = client_for(coordinator).get(reverse("results:import", args=[network.slug, open_round.slug]))
    assert page.status_code == 200
    assert 'aria-describedby="id_file_help"' in page.content.decode()


def test_upload_without_network_and_round_keys_uses_the_page(client_for, network, open_round, partner, coordinator):
    response = _upload(client_for(coordinator), network, open_round,
                       json.dumps({"responses": _good(partner)}).encode())
    assert response.status_code == 302
    assert Response.objects.filter(round=open_round).count() == 2


@pytest.mark.parametrize(("content", "message"), [
    (b"{broken", "geen geldige JSON"),
    (b"\xff\xfe\xfa", "geen UTF-8"),
    (b'{"network": "zorgnetwerk-zuid", "responses": [{"respondent": "1"}]}', "hoort bij netwerk"),
    (b'{"round": "ander", "responses": [{"respondent": "1"}]}', "hoort bij ronde"),
    (b'{"responses": [{"respondent": "1", "answers": {"KO.1": 9}}]}', "Respondent 1, item KO.1"),
])
def test_upload_problems_are_400_with_a_message(client_for, network, open_round, coordinator, content, message):
    before = _state()
    response = _upload(client_for(coordinator), network, open_round, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _state() == before


def test_upload_without_file_is_400(client_for, network, open_round, coordinator):
    url = reverse("results:import", args=[network.slug, open_round.slug])
    response = client_for(coordinator).post(url, {})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_upload_over_the_size_limit_is_400(client_for, network, open_round, coordinator):
    big = b'{"responses": [' + b" " * (5 * 1024 * 1024 + 10) + b"]}"
    response = _upload(client_for(coordinator), network, open_round, big)
    assert response.status_code == 400
    assert "groter dan 5 MB" in response.content.decode()


def test_upload_into_a_closed_round_is_refused(client_for, network, instrument, partner, coordinator):
    closed = make_round(network=network, slug="dicht", status=RoundStatus.CLOSED)
    response = _upload(client_for(coordinator), network, closed,
                       json.dumps({"responses": _good(partner)}).encode())
    assert response.status_code == 400
    assert "gesloten" in response.content.decode()
    assert not Response.objects.filter(round=closed).exists()


def _v2():
    return Instrument.objects.get(slug="ketenregie", version=2)


def test_a_v2_file_stores_nvt_apart_from_weet_niet_and_scores_it_out_of_the_denominator(tmp_path, network):
    round = make_round(network=network, slug="v2-ronde", status=RoundStatus.OPEN, instrument=_v2())
    responses = [
        {"respondent": "P-1", "answers": {"SF.K1.presence": 4, "KO.2": None, "KO.3": "nvt"}},
        {"respondent": "P-2", "answers": {"SF.K1.presence": "n.v.t.", "KO.2": 1, "KO.3": 2}},
    ]
    _import(tmp_path, _file(network, round_slug="v2-ronde", responses=responses))
    rows = dict(((r, c), (v, na)) for r, c, v, na in Answer.objects.filter(response__round=round).values_list(
        "response__external_id", "item__code", "value", "not_applicable"))
    assert rows[("P-1", "KO.2")] == (None, False)  # weet niet
    assert rows[("P-1", "KO.3")] == (None, True)  # n.v.t.
    assert rows[("P-2", "SF.K1.presence")] == (None, True)
    items = network_scores(network.slug, "--round", round.slug)["items"]
    assert items["KO.3"]["n"] == 1 and items["KO.3"]["n_not_applicable"] == 1 and items["KO.3"]["n_dont_know"] == 0
    assert items["KO.2"]["n_dont_know"] == 1 and items["KO.2"]["n_not_applicable"] == 0
    assert items["SF.K1.presence"]["mean"] == 4.0


def test_a_v1_file_refuses_nvt_and_imports_nothing(tmp_path, network, open_round, capsys):
    before = _state()
    data = _file(network, responses=[{"respondent": "P-1", "answers": {"KO.3": "nvt", "KO.2": 1}}])
    with pytest.raises(CommandError):
        _import(tmp_path, data)
    errors = capsys.readouterr().err
    assert "Respondent P-1, item KO.3" in errors and "niet van toepassing" in errors
    assert _state() == before
