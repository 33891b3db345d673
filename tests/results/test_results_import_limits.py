"""Hostile import files: parsing has limits (nesting, number size, string validity, NUL) and every problem is a
400 in the same problem list as the validation, never a 500 or a traceback; nothing is written."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from results.services import ImportRejected, import_file_read, responses_import_validate
from rounds.models import Answer, Response, Round, RoundStatus
from tests.results.results_testkit import make_round

pytestmark = pytest.mark.django_db

HOSTILE = [
    # (file content, words the problem list must contain)
    (b"[" * 200_000, "te diep genest"),
    (b'{"responses": [{"respondent": ' + b"9" * 5000 + b"}]}", "te groot"),
    (b'{"responses": [{"respondent": "P-1", "answers": {"KO.1": 1e999}}]}', "te groot"),
    (b'{"responses": [{"respondent": "\\ud800x", "answers": {}}]}', "ongeldig teken"),
    (b'{"responses": [{"respondent": "P\\u00001", "answers": {}}]}', "NUL"),
    (b'{"responses": [{"respondent": "P-1", "answers": {"KO.1": NaN}}]}', "NaN"),
    (b'{"responses": [{"respondent": "P-1", "\\udc00": 1}]}', "ongeldig teken"),
]


@pytest.fixture
def open_round(network, instrument):
    return make_round(network=network, slug="najaar", status=RoundStatus.OPEN)


def _state():
    return Response.objects.count(), Answer.objects.count(), Round.objects.count()


def _upload(client, network, round, content: bytes):
    url = reverse("results:import", args=[network.slug, round.slug])
    return client.post(url, {"file": SimpleUploadedFile("antwoorden.json", content,
                                                        content_type="application/json")})


@pytest.mark.parametrize(("content", "words"), HOSTILE)
def test_hostile_upload_is_a_400_in_the_problem_list(client_for, network, open_round, coordinator, content, words):
    before = _state()
    response = _upload(client_for(coordinator), network, open_round, content)
    assert response.status_code == 400
    problems = response.context["problems"]
    assert problems and any(words in problem for problem in problems), problems
    assert 'id="import-problems"' in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize(("content", "words"), HOSTILE)
def test_hostile_file_on_the_command_line_is_a_clear_error(tmp_path, network, open_round, capsys, content, words):
    path = tmp_path / "hostile.json"
    path.write_bytes(content.replace(b'{"responses"', b'{"network": "%s", "round": "najaar", "responses"'
                                     % network.slug.encode()))
    before = _state()
    with pytest.raises(CommandError):
        call_command("import_responses", str(path))
    assert words in capsys.readouterr().err
    assert _state() == before


def test_every_bad_string_is_listed_with_where_it_is(network, open_round):
    content = json.dumps({"responses": [
        {"respondent": "P-1\x00", "answers": {}},
        {"respondent": "P-2", "organisation": "Org\ud800", "answers": {}},
    ]}).encode()
    with pytest.raises(ImportRejected) as caught:
        import_file_read(content=content)
    messages = caught.value.messages
    assert len(messages) == 2
    assert "responses[1].respondent" in messages[0] and "NUL" in messages[0]
    assert "responses[2].organisation" in messages[1] and "ongeldig teken" in messages[1]


def test_a_profile_field_that_is_not_text_is_a_problem_of_that_respondent(network, open_round):
    content = json.dumps({"responses": [
        {"respondent": "P-1", "organisation": [], "answers": {}},
        {"respondent": "P-2", "level": 3, "role": {"naam": "x"}, "answers": {}},
    ]}).encode()
    with pytest.raises(ImportRejected) as caught:
        responses_import_validate(data=import_file_read(content=content), network=network, round=open_round)
    messages = caught.value.messages
    assert [m for m in messages if "P-1" in m and "“organisation” moet een tekst zijn" in m]
    assert [m for m in messages if "P-2" in m and "“level” moet een tekst zijn, geen 3" in m]
    assert [m for m in messages if "P-2" in m and "“role” moet een tekst zijn" in m]


def test_ordinary_nesting_numbers_and_unicode_still_read(network, open_round):
    data = import_file_read(content=json.dumps({"responses": [
        {"respondent": "Zoë 😀", "answers": {"KO.1": 3, "KO.2": None}}]}, ensure_ascii=True).encode())
    assert isinstance(data, dict) and data["responses"][0]["respondent"] == "Zoë 😀"


# --- Property: whatever bytes are uploaded, the answer is a redirect or a 400, never a 500 ------------------

WEIRD_STRINGS = ["\ud800x", "\udfff", "a\x00b", "\x00", "😀", "KO.1", "SF.K1.presence", "tactisch", "P-1", "",
                 "najaar", " ", "é" * 300]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.sampled_from(WEIRD_STRINGS)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(WEIRD_STRINGS) | st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
answers = st.dictionaries(st.sampled_from(["KO.1", "KO.2", "SF.K1.presence", "MK.1.1", "XX"]) | st.text(max_size=5),
                          json_values, max_size=4)
response_entry = st.fixed_dictionaries({"respondent": json_values}, optional={
    "organisation": json_values, "level": json_values, "role": json_values, "answers": answers | json_values})
documents = st.fixed_dictionaries({"responses": st.lists(response_entry | json_values, max_size=4)}, optional={
    "network": json_values, "round": json_values, "name": json_values, "opens_on": json_values}).map(
    lambda doc: json.dumps(doc).encode())
TOKENS = ["[", "]", "{", "}", ",", ":", '"responses"', '"respondent"', '"answers"', '"\\ud800"', '"\\u0000"',
          "NaN", "-Infinity", "1e999", "9" * 400, "null", "true", '"KO.1"', "4", " ", '"', "\\", "\xff", "\x00"]
token_soup = st.lists(st.sampled_from(TOKENS), max_size=40).map(lambda parts: "".join(parts).encode(
    "utf-8", "surrogatepass"))
deep = st.integers(min_value=1, max_value=300_000).map(lambda n: b"[" * n + b"]" * (n % 3))
uploads = st.one_of(st.binary(max_size=200), documents, token_soup, deep)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(content=uploads)
def test_no_uploaded_byte_string_gives_a_500(client_for, network, open_round, coordinator, content):
    response = _upload(client_for(coordinator), network, open_round, content)
    assert response.status_code in (302, 400), response.status_code


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=uploads)
def test_reading_and_checking_any_byte_string_either_passes_or_lists_problems(network, open_round, content):
    try:
        responses_import_validate(data=import_file_read(content=content), network=network, round=open_round)
    except ImportRejected as exc:
        assert exc.messages and all(isinstance(message, str) for message in exc.messages)
        for message in exc.messages:
            message.encode("utf-8")  # every message can be shown on a page
