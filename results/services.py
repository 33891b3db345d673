"""Import of paper and workshop responses (format: docs/network_scores.md, "Importing responses").

The whole file is checked before anything is written: every problem is collected, each naming the respondent
and the item it concerns, and a file with any problem imports nothing. The upload page checks the file in the
request and leaves the writing to a worker (``import_job_create`` / ``import_job_run``), which writes in chunks
with bulk statements so that the rest of the site keeps working during a large import. Re-importing a
respondent's external id replaces that response instead of adding a second one, so a corrected file can simply
be imported again.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from datetime import date
from typing import cast

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import connection, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessments.models import Instrument, Item, ScaleOption
from networks.models import ChainRole, Level, Network, Organisation, Partnership
from rounds.models import NOT_APPLICABLE, Answer, Response, Round, RoundStatus, StoredAnswer, answer_row_fields

from .import_parse import ParseProblem, json_parse_limited, string_problems
from .models import ImportJob, ImportStatus

logger = logging.getLogger(__name__)

MAX_IMPORT_BYTES = 5 * 1024 * 1024
TOP_KEYS = {"network", "round", "responses", "name", "opens_on", "closes_on"}
RESPONSE_KEYS = {"respondent", "organisation", "level", "role", "answers"}


def _max_length(model: type[models.Model], name: str) -> int:
    field = model._meta.get_field(name)
    if not isinstance(field, models.CharField) or field.max_length is None:
        raise TypeError(f"{model.__name__}.{name} is not a text field with a maximum length")
    return field.max_length


EXTERNAL_ID_MAX_LENGTH = _max_length(Response, "external_id")
ROUND_SLUG_MAX_LENGTH = _max_length(Round, "slug")
ROUND_NAME_MAX_LENGTH = _max_length(Round, "name")
# How a file writes "niet van toepassing" (instrument versions that offer it apart from "weet niet", which is null).
NOT_APPLICABLE_SPELLINGS = {"nvt", "n.v.t.", "na"}
#: An instrument item as the import sees it: (item id, module code, may be answered in this round, scale id).
_ImportItem = tuple[int, str, bool, int]


@dataclass(frozen=True)
class ImportProblem:
    message: str
    respondent: str | None = None
    item: str | None = None

    def __str__(self) -> str:
        if self.respondent is not None and self.item is not None:
            return _("Respondent %(respondent)s, item %(item)s: %(message)s") % {
                "respondent": self.respondent, "item": self.item, "message": self.message}
        if self.respondent is not None:
            return _("Respondent %(respondent)s: %(message)s") % {"respondent": self.respondent,
                                                                   "message": self.message}
        return self.message


class ImportRejected(ValidationError):
    """The file has problems; nothing was imported. ``problems`` lists all of them."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__([str(problem) for problem in problems], code="import_rejected")


@dataclass(frozen=True)
class ImportResult:
    round: Round
    created: int
    updated: int
    answers: int
    round_created: bool


@dataclass
class _Row:
    external_id: str
    organisation: Organisation | None
    level: str
    role: str
    answers: dict[str, StoredAnswer]


@dataclass
class _Plan:
    network: Network
    round: Round | None  # None: to be created
    instrument: Instrument
    round_slug: str
    round_name: str
    opens_on: date | None
    closes_on: date | None
    rows: list[_Row] = field(default_factory=list)
    item_ids: dict[str, int] = field(default_factory=dict)
    optional_modules: set[int] = field(default_factory=set)


# --------------------------------------------------------------------------------------------------------
# Reading the file
# --------------------------------------------------------------------------------------------------------


def import_file_read(*, content: bytes) -> object:
    """Decode the uploaded bytes as JSON with limits (``results.import_parse``); an unreadable file is a list of
    problems, never a crash."""
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportRejected([ImportProblem(_("Het bestand is groter dan %(mb)d MB.")
                                            % {"mb": MAX_IMPORT_BYTES // (1024 * 1024)})])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected([ImportProblem(_("Het bestand is geen UTF-8-tekst. Sla het op als JSON in UTF-8."))]) \
            from None
    try:
        data = json_parse_limited(text)
    except ParseProblem as exc:
        raise ImportRejected([ImportProblem(str(exc))]) from None
    except json.JSONDecodeError as exc:
        raise ImportRejected([ImportProblem(_("Het bestand is geen geldige JSON (regel %(line)d, kolom %(col)d: "
                                              "%(error)s).") % {"line": exc.lineno, "col": exc.colno,
                                                                 "error": exc.msg})]) from None
    bad_strings = string_problems(data)
    if bad_strings:
        raise ImportRejected([ImportProblem(message) for message in bad_strings])
    return data


# --------------------------------------------------------------------------------------------------------
# Validation: reads only, collects every problem
# --------------------------------------------------------------------------------------------------------


def _optional_text(entry: dict, key: str, *, who: str, problems: list[ImportProblem]) -> str | None:
    """None for absent, null or blank; the stripped text otherwise. Anything but text (a number, a list) is a
    problem of this respondent, reported here, and read as absent."""
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(ImportProblem(_("veld “%(key)s” moet een tekst zijn, geen %(found)s.")
                                      % {"key": key, "found": json.dumps(value, ensure_ascii=False)[:40]},
                                      respondent=who))
        return None
    return value.strip() or None


def _parse_date(value: object, key: str, problems: list[ImportProblem]) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        pass
    problems.append(ImportProblem(_("“%(key)s” moet een datum zijn als JJJJ-MM-DD, niet %(value)s.")
                                  % {"key": key, "value": json.dumps(value, ensure_ascii=False)}))
    return None


def _resolve_round(*, data: dict, network: Network, expected_round: Round | None, create_round: bool,
                   problems: list[ImportProblem]) -> _Plan | None:
    slug = data.get("round")
    if expected_round is not None:
        if slug not in (None, expected_round.slug):
            problems.append(ImportProblem(_("Het bestand hoort bij ronde “%(file)s”, maar u importeert in ronde "
                                            "“%(round)s”.") % {"file": slug, "round": expected_round.slug}))
            return None
        slug = expected_round.slug
    if not isinstance(slug, str) or not slug:
        problems.append(ImportProblem(_("“round” ontbreekt: geef de korte naam van de ronde.")))
        return None
    round = expected_round or Round.objects.filter(network=network, slug=slug).select_related("instrument").first()
    opens_on = _parse_date(data.get("opens_on"), "opens_on", problems)
    closes_on = _parse_date(data.get("closes_on"), "closes_on", problems)
    name = data.get("name") or slug
    if round is not None:
        if round.status == RoundStatus.CLOSED:
            problems.append(ImportProblem(_("Ronde “%(round)s” is gesloten; in een gesloten ronde kunnen geen "
                                            "antwoorden meer worden ingevoerd.") % {"round": slug}))
            return None
        return _Plan(network=network, round=round, instrument=round.instrument, round_slug=slug,
                     round_name=round.name, opens_on=None, closes_on=None)
    if not create_round:
        problems.append(ImportProblem(_("Netwerk “%(network)s” heeft geen ronde “%(round)s”. Gebruik "
                                        "--create-round om hem aan te maken.") % {"network": network.slug,
                                                                                  "round": slug}))
        return None
    try:
        validate_slug(slug)
        if len(slug) > ROUND_SLUG_MAX_LENGTH:
            raise ValidationError("too long")
    except ValidationError:
        problems.append(ImportProblem(_("“%(round)s” is geen geldige korte naam voor een ronde (alleen letters, "
                                        "cijfers, - en _; hoogstens 80 tekens).") % {"round": slug}))
    if not isinstance(name, str) or len(name) > ROUND_NAME_MAX_LENGTH:
        problems.append(ImportProblem(_("“name” moet een tekst van hoogstens 200 tekens zijn.")))
        name = slug
    if opens_on and closes_on and closes_on < opens_on:
        problems.append(ImportProblem(_("De sluitdatum ligt vóór de openingsdatum.")))
    instrument = Instrument.objects.latest_published()
    if instrument is None:
        problems.append(ImportProblem(_("Er is geen gepubliceerde vragenlijst om de ronde op te baseren.")))
        return None
    return _Plan(network=network, round=None, instrument=instrument, round_slug=slug, round_name=name.strip(),
                 opens_on=opens_on, closes_on=closes_on)


def _check_profile(*, entry: dict, plan: _Plan, partners: dict[str, Organisation], who: str,
                   problems: list[ImportProblem]) -> tuple[Organisation | None, str, str]:
    """The respondent's organisation (a partner of the network), level and chain role."""
    organisation = None
    name = _optional_text(entry, "organisation", who=who, problems=problems)
    if name is not None:
        organisation = partners.get(name.casefold())
        if organisation is None:
            problems.append(ImportProblem(_("organisatie %(name)s is geen partner van netwerk “%(network)s”.")
                                          % {"name": json.dumps(name, ensure_ascii=False),
                                             "network": plan.network.slug}, respondent=who))
    level = _optional_text(entry, "level", who=who, problems=problems) or ""
    if level and level not in Level.values:
        problems.append(ImportProblem(_("niveau %(level)s bestaat niet (kies uit %(choices)s).")
                                      % {"level": json.dumps(level, ensure_ascii=False),
                                         "choices": ", ".join(Level.values)}, respondent=who))
    role = _optional_text(entry, "role", who=who, problems=problems) or ""
    if role and role not in ChainRole.values:
        problems.append(ImportProblem(_("rol %(role)s bestaat niet (kies uit %(choices)s).")
                                      % {"role": json.dumps(role, ensure_ascii=False),
                                         "choices": ", ".join(ChainRole.values)}, respondent=who))
    return organisation, level, role


_REJECTED = object()


def _check_answer(*, code: str, value: object, plan: _Plan, items: dict[str, _ImportItem],
                  allowed: dict[int, list[int]], who: str, problems: list[ImportProblem]) -> object:
    """The answer to store for one item code, or ``_REJECTED`` after recording why it cannot be stored."""
    known = items.get(code)
    if known is None:
        problems.append(ImportProblem(_("onbekende itemcode in %(instrument)s.") % {"instrument": plan.instrument},
                                      respondent=who, item=code))
        return _REJECTED
    _item_id, module_code, module_active, scale_id = known
    if not module_active:
        problems.append(ImportProblem(_("module %(module)s staat in deze ronde niet aan.")
                                      % {"module": module_code}, respondent=who, item=code))
        return _REJECTED
    if isinstance(value, str) and value.strip().casefold() in NOT_APPLICABLE_SPELLINGS:
        if not plan.instrument.offers_not_applicable:
            problems.append(ImportProblem(_("“%(value)s” (niet van toepassing) bestaat niet in %(instrument)s: die "
                                            "versie kent alleen null voor “weet niet / n.v.t.”.")
                                          % {"value": value, "instrument": plan.instrument},
                                          respondent=who, item=code))
            return _REJECTED
        return NOT_APPLICABLE
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                              or value not in allowed[scale_id]):
        message = (_("waarde %(value)s hoort niet bij de schaal (toegestaan: %(allowed)s, null voor “weet "
                     "niet” of \"nvt\" voor “niet van toepassing”).") if plan.instrument.offers_not_applicable
                   else _("waarde %(value)s hoort niet bij de schaal (toegestaan: %(allowed)s, of null voor "
                          "“weet niet”)."))
        problems.append(ImportProblem(message
                                      % {"value": json.dumps(value, ensure_ascii=False),
                                         "allowed": ", ".join(map(str, allowed[scale_id]))},
                                      respondent=who, item=code))
        return _REJECTED
    return value


def _check_answers(*, entry: dict, plan: _Plan, items: dict[str, _ImportItem], allowed: dict[int, list[int]],
                   who: str, problems: list[ImportProblem]) -> dict[str, StoredAnswer]:
    answers_in = entry.get("answers")
    if answers_in is None:
        answers_in = {}
    if not isinstance(answers_in, dict):
        problems.append(ImportProblem(_("“answers” moet een object zijn van itemcode naar waarde."), respondent=who))
        answers_in = {}
    answers: dict[str, StoredAnswer] = {}
    for code, value in answers_in.items():
        checked = _check_answer(code=code, value=value, plan=plan, items=items, allowed=allowed, who=who,
                                problems=problems)
        if checked is not _REJECTED:
            answers[code] = cast(StoredAnswer, checked)
    return answers


def _check_response(*, entry: object, position: int, plan: _Plan, seen: set[str], items: dict[str, _ImportItem],
                    allowed: dict[int, list[int]], partners: dict[str, Organisation],
                    problems: list[ImportProblem]) -> _Row | None:
    if not isinstance(entry, dict):
        problems.append(ImportProblem(_("Respons nr. %(n)d is geen object met “respondent” en “answers”.")
                                      % {"n": position}))
        return None
    raw_id = entry.get("respondent")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or not str(raw_id).strip():
        problems.append(ImportProblem(_("Respons nr. %(n)d heeft geen “respondent” (een eigen nummer of code "
                                        "per ingevuld formulier).") % {"n": position}))
        return None
    external_id = str(raw_id).strip()
    who = external_id
    before = len(problems)
    if len(external_id) > EXTERNAL_ID_MAX_LENGTH:
        problems.append(ImportProblem(_("de code is langer dan %(max)d tekens.") % {"max": EXTERNAL_ID_MAX_LENGTH},
                                      respondent=who))
    if external_id in seen:
        problems.append(ImportProblem(_("deze respondent komt twee keer voor in het bestand."), respondent=who))
    seen.add(external_id)
    for key in sorted(set(entry) - RESPONSE_KEYS):
        problems.append(ImportProblem(_("onbekend veld “%(key)s” (toegestaan: %(keys)s).")
                                      % {"key": key, "keys": ", ".join(sorted(RESPONSE_KEYS))}, respondent=who))
    organisation, level, role = _check_profile(entry=entry, plan=plan, partners=partners, who=who,
                                               problems=problems)
    answers = _check_answers(entry=entry, plan=plan, items=items, allowed=allowed, who=who, problems=problems)
    if len(problems) > before:
        return None
    return _Row(external_id=external_id, organisation=organisation, level=level, role=role, answers=answers)


def _resolve_network(*, data: dict, network: Network | None, problems: list[ImportProblem]) -> Network:
    """The network the upload page gave (the file must agree or be silent) or the one the file names."""
    slug = data.get("network")
    if network is not None:
        if slug not in (None, network.slug):
            problems.append(ImportProblem(_("Het bestand hoort bij netwerk “%(file)s”, maar u importeert in "
                                            "netwerk “%(network)s”.") % {"file": slug, "network": network.slug}))
            raise ImportRejected(problems)
        return network
    if not isinstance(slug, str) or not slug:
        problems.append(ImportProblem(_("“network” ontbreekt: geef de korte naam van het netwerk.")))
        raise ImportRejected(problems)
    found = Network.objects.filter(slug=slug).first()
    if found is None:
        problems.append(ImportProblem(_("Netwerk “%(network)s” bestaat niet.") % {"network": slug}))
        raise ImportRejected(problems)
    return found


def _import_items(plan: _Plan) -> tuple[dict[str, _ImportItem], dict[str, int]]:
    """Every item of the instrument by code (whether it may be answered: those of active modules; for a round
    still to be made, every module), and the optional module of each optional item."""
    round = plan.round
    active_optional = set() if round is None else set(round.optional_modules.values_list("pk", flat=True))
    items: dict[str, _ImportItem] = {}
    optional_module: dict[str, int] = {}
    for item_id, code, module_id, module_code, optional, scale_id in Item.objects.filter(
            instrument=plan.instrument).values_list("pk", "code", "dimension__module_id", "dimension__module__code",
                                                    "dimension__module__optional", "scale_id"):
        active = round is None or not optional or module_id in active_optional
        items[code] = (item_id, module_code, active, scale_id)
        if optional:
            optional_module[code] = module_id
    return items, optional_module


def responses_import_validate(*, data: object, create_round: bool = False, network: Network | None = None,
                              round: Round | None = None) -> _Plan:
    """Check the whole file against the database without writing. Raises ImportRejected listing every problem.

    ``network`` and ``round`` are given by the upload page (the file's own keys must then agree or be absent);
    the command line takes them from the file.
    """
    problems: list[ImportProblem] = []
    if not isinstance(data, dict):
        raise ImportRejected([ImportProblem(_("Het bestand moet één JSON-object zijn met “network”, “round” en "
                                              "“responses”."))])
    for key in sorted(set(data) - TOP_KEYS):
        problems.append(ImportProblem(_("Onbekend veld “%(key)s” (toegestaan: %(keys)s).")
                                      % {"key": key, "keys": ", ".join(sorted(TOP_KEYS))}))
    network = _resolve_network(data=data, network=network, problems=problems)
    plan = _resolve_round(data=data, network=network, expected_round=round, create_round=create_round,
                          problems=problems)
    responses = data.get("responses")
    if not isinstance(responses, list) or not responses:
        problems.append(ImportProblem(_("“responses” moet een lijst met minstens één respons zijn.")))
    if plan is None or not isinstance(responses, list):
        raise ImportRejected(problems)

    items, optional_module = _import_items(plan)
    allowed: dict[int, list[int]] = {}
    for scale_id, value in ScaleOption.objects.filter(scale__instrument=plan.instrument).order_by(
            "scale_id", "value").values_list("scale_id", "value"):
        allowed.setdefault(scale_id, []).append(value)
    partners = {p.organisation.name.strip().casefold(): p.organisation
                for p in Partnership.objects.filter(network=plan.network).select_related("organisation")}

    seen: set[str] = set()
    for position, entry in enumerate(responses, start=1):
        row = _check_response(entry=entry, position=position, plan=plan, seen=seen, items=items, allowed=allowed,
                              partners=partners, problems=problems)
        if row is not None:
            plan.rows.append(row)
    if problems:
        raise ImportRejected(problems)
    plan.item_ids = {code: item_id for code, (item_id, *_rest) in items.items()}
    if plan.round is None:
        answered = {code for row in plan.rows for code in row.answers}
        plan.optional_modules = {optional_module[code] for code in answered if code in optional_module}
    return plan


# --------------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------------


def _round_create(*, plan: _Plan, user) -> Round:
    round = Round(network=plan.network, name=plan.round_name, slug=plan.round_slug, instrument=plan.instrument,
                  opens_on=plan.opens_on, closes_on=plan.closes_on, status=RoundStatus.OPEN,
                  opened_at=timezone.now(), created_by=user)
    round.full_clean()
    round.save()
    round.optional_modules.set(plan.optional_modules)
    return round


# Rows written per transaction: each chunk holds the write lock (SQLite) or the round's row lock (PostgreSQL)
# for a fraction of a second, so respondents saving elsewhere on the site never wait long for the database.
IMPORT_CHUNK_SIZE = 1000
IMPORT_CHUNK_PAUSE = 0.05
_RESPONSE_FIELDS = ["organisation", "level", "chain_role", "profile_confirmed", "submitted_at"]


def _insert_many(*, model, columns: list[str], rows: list[tuple]) -> None:
    """One prepared INSERT executed for many rows: the fastest bulk write both SQLite and PostgreSQL offer."""
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({names}) VALUES ({marks})",
                           rows)


def _chunk_write(*, round_pk: int, rows: list[_Row], item_ids: dict[str, int], now) -> tuple[int, int, int]:
    """Write one chunk in its own short transaction with bulk statements; returns (created, updated, answers).

    Every value was checked by responses_import_validate, so the rows go to the database without per-row
    ``full_clean`` and without model instances (the ORM's per-object work would cost most of the import time).
    """
    stamp = connection.ops.adapt_datetimefield_value(now)
    with transaction.atomic():
        # Lock the round: an import racing a close must not land in a round that has just been closed.
        target = Round.objects.select_for_update().get(pk=round_pk)
        if target.status == RoundStatus.CLOSED:
            raise ImportRejected([ImportProblem(_("Ronde “%(round)s” is zojuist gesloten.")
                                                % {"round": target.slug})])
        external_ids = [row.external_id for row in rows]
        existing = {r.external_id: r for r in Response.objects.filter(round_id=round_pk,
                                                                      external_id__in=external_ids)}
        changed: list[Response] = []
        new_rows: list[tuple] = []
        for row in rows:
            response = existing.get(row.external_id)
            organisation_id = row.organisation.pk if row.organisation else None
            if response is None:
                new_rows.append((round_pk, row.external_id, organisation_id, row.level, row.role, True, False, "", "",
                                 stamp, stamp, stamp))
            else:
                response.submitted_at = response.submitted_at or now
                response.organisation_id = organisation_id
                response.level, response.chain_role, response.profile_confirmed = row.level, row.role, True
                response.updated_at = now
                changed.append(response)
        _insert_many(model=Response, rows=new_rows, columns=[
            "round", "external_id", "organisation", "level", "chain_role", "profile_confirmed", "comment_consent",
            "last_page", "claim_key", "started_at", "updated_at", "submitted_at"])
        if changed:
            Response.objects.bulk_update(changed, _RESPONSE_FIELDS + ["updated_at"], batch_size=500)
            # Re-import replaces a response's answers: an item left out of the corrected file is no longer answered.
            Answer.objects.filter(response__in=changed).delete()
        ids = dict(Response.objects.filter(round_id=round_pk, external_id__in=external_ids)
                   .values_list("external_id", "pk"))
        answers = []
        for row in rows:
            for code, value in row.answers.items():
                fields = answer_row_fields(answer=value)
                answers.append((ids[row.external_id], item_ids[code], fields["value"], fields["not_applicable"],
                                stamp))
        _insert_many(model=Answer, columns=["response", "item", "value", "not_applicable", "updated_at"],
                     rows=answers)
    return len(new_rows), len(changed), len(answers)


def responses_write(*, plan: _Plan, user=None, progress=None) -> ImportResult:
    """Write a validated plan in chunks of ``IMPORT_CHUNK_SIZE`` respondents, each its own transaction.

    ``progress(done, created, updated, answers)`` is called after every chunk. A chunk that fails leaves the
    earlier chunks in place; importing the same file again completes it (external ids are replaced, not added).
    """
    round_created = plan.round is None
    if plan.round is None:
        with transaction.atomic():
            target = _round_create(plan=plan, user=user)
    else:
        target = plan.round
    now = timezone.now()
    created = updated = answers = done = 0
    for start in range(0, len(plan.rows), IMPORT_CHUNK_SIZE):
        rows = plan.rows[start:start + IMPORT_CHUNK_SIZE]
        c, u, a = _chunk_write(round_pk=target.pk, rows=rows, item_ids=plan.item_ids, now=now)
        created, updated, answers, done = created + c, updated + u, answers + a, done + len(rows)
        if progress is not None:
            progress(done, created, updated, answers)
        if connection.vendor == "sqlite":
            # SQLite has one write lock and its waiters poll for it: a short gap lets a respondent's save through.
            time.sleep(IMPORT_CHUNK_PAUSE)
    with transaction.atomic():
        target = Round.objects.select_for_update().get(pk=target.pk)
        target.answers_changed_at = timezone.now()
        fields = ["answers_changed_at"]
        if round_created:
            target.status = RoundStatus.CLOSED
            target.closed_at = target.answers_changed_at
            fields += ["status", "closed_at"]
        target.save(update_fields=fields)
    return ImportResult(round=target, created=created, updated=updated, answers=answers,
                        round_created=round_created)


def responses_import(*, data: object, create_round: bool = False, network: Network | None = None,
                     round: Round | None = None, user=None) -> ImportResult:
    """Validate the whole file, then write it in chunks. Imported responses count as submitted.

    With ``create_round`` a round that does not exist yet is created on the latest published instrument, with
    the optional modules the file answers, and closed after the import (for digitising past rounds).
    """
    plan = responses_import_validate(data=data, create_round=create_round, network=network, round=round)
    return responses_write(plan=plan, user=user)


# --------------------------------------------------------------------------------------------------------
# The upload page: check in the request, import in a worker
# --------------------------------------------------------------------------------------------------------


def import_job_create(*, round: Round, user, data: object, language: str) -> ImportJob:
    """Check the uploaded file now (raises ImportRejected) and queue its import for a worker."""
    from .tasks import responses_import_job_run

    plan = responses_import_validate(data=data, network=round.network, round=round)
    job = ImportJob(round=round, created_by=user, language=language, total=len(plan.rows),
                    payload=json.dumps(data, ensure_ascii=False))
    job.full_clean()
    with transaction.atomic():  # the job and its queue entry appear together (the queue is a table too)
        job.save()
        responses_import_job_run.enqueue(job_id=job.pk)
    job.refresh_from_db()
    return job


def _job_claim(*, job_id: int) -> ImportJob | None:
    """Take a queued job; None when another worker has it already or it is finished (safe with many workers)."""
    with transaction.atomic():
        job = (ImportJob.objects.select_for_update(of=("self",)).select_related("round__network", "created_by")
               .filter(pk=job_id, status=ImportStatus.QUEUED).first())
        if job is None:
            return None
        job.status = ImportStatus.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["status", "started_at"])
    return job


def import_job_run(*, job_id: int) -> str:
    """The worker's part: check the file again against today's database, then write it in chunks."""
    job = _job_claim(job_id=job_id)
    if job is None:
        return "skipped"

    def progress(done: int, created: int, updated: int, answers: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(done=done, created=created, updated=updated, answers=answers)

    with translation.override(job.language):
        try:
            plan = responses_import_validate(data=json.loads(job.payload), network=job.round.network,
                                             round=job.round)
            result = responses_write(plan=plan, user=job.created_by, progress=progress)
        except ImportRejected as exc:
            error = "\n".join(str(problem) for problem in exc.problems)
        except Exception:
            logger.exception("import job %s failed", job.pk)
            error = _("De import is onderbroken door een fout op de server. Importeer het bestand opnieuw; "
                      "wat al is ingevoerd, wordt dan bijgewerkt in plaats van dubbel geteld.")
        else:
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportStatus.DONE, done=len(plan.rows), created=result.created, updated=result.updated,
                answers=result.answers, payload="", finished_at=timezone.now())
            return "done"
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.FAILED, error=error, payload="",
                                               finished_at=timezone.now())
    return "failed"
