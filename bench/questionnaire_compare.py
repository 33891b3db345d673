"""Our side of the questionnaire comparison with the peer (bench/peer_survey.py), for bench/run_all.py.

    .venv/bin/python bench/questionnaire_compare.py [--repeat 15]

Measured like bench/questionnaire_bench.py (temporary SQLite database in WAL mode, the test Client in-process,
a respondent with a confirmed profile, DEBUG off):

* a page of 100 items: an instrument with one module of 100 items (the first hundred of the shipped
  instrument, on their own scales), rendered (GET) and saved (POST of the whole page answered) ``--repeat``
  times; medians, and the queries per request;
* the whole shipped questionnaire (every optional module on): every page rendered and saved once per turn;
  the median turn, in total and per item;
* the floor of that turn: as many requests, by the same respondent's client through the same middleware, to a
  view that returns an empty response without touching the database (what a request costs before the
  questionnaire does anything). The paged questionnaire makes 2 requests per page where the peer's one page
  makes 2 in all, so this floor is the part of the whole-questionnaire ratio that paging itself costs.

Prints a readable summary and a last line ``RESULT {json}``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import questionnaire_bench  # noqa: E402  (a sibling script; bench/ is a namespace package)

PAGE_ITEMS = 100


def hundred_item_instrument(source, *, items: int = PAGE_ITEMS):
    """A copy of ``source`` holding one module with one dimension: its first ``items`` items, one page."""
    from assessments.models import Dimension, Instrument, Item, Module, Scale, ScaleOption

    copy = Instrument.objects.create(slug="bench-page", version=1, name_nl="Eén pagina", name_en="One page",
                                     status=source.status)
    scales = {}
    for scale in source.scales.all():
        scales[scale.pk] = Scale.objects.create(instrument=copy, code=scale.code, name_nl=scale.name_nl,
                                                name_en=scale.name_en)
        ScaleOption.objects.bulk_create([
            ScaleOption(scale=scales[scale.pk], value=o.value, label_nl=o.label_nl, label_en=o.label_en,
                        order=o.order) for o in scale.options.all()])
    module = Module.objects.create(instrument=copy, code="BP", optional=False, allow_comment=False,
                                   title_nl="Honderd vragen", title_en="A hundred questions", order=1)
    dimension = Dimension.objects.create(module=module, code="bp", title_nl="Alles", title_en="Everything",
                                         order=1)
    originals = list(Item.objects.filter(instrument=source).order_by("dimension__module__order", "order")[:items])
    Item.objects.bulk_create([
        Item(instrument=copy, dimension=dimension, scale=scales[item.scale_id], code=f"BP.{number}",
             label_nl=item.label_nl, label_en=item.label_en, text_nl=item.text_nl, text_en=item.text_en,
             help_nl=item.help_nl, help_en=item.help_en, order=number)
        for number, item in enumerate(originals, start=1)])
    return copy


def _client_for(instrument, *, slug: str):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from rounds.questionnaire import questionnaire_for_round

    client, token, round = questionnaire_bench.respondent(instrument, slug=slug)
    questionnaire = questionnaire_for_round(round=round)
    revisions = {page.key: 0 for page in questionnaire.pages}

    def url(page):
        return reverse("rounds:respond_page", kwargs={"token": token, "page": page.key})

    def render(page):
        response = client.get(url(page))
        assert response.status_code == 200, response.status_code

    render.client = client  # type: ignore[attr-defined]  # the floor is measured with the same session

    def save(page, turn):
        data = {"page": page.key, "revision": str(revisions[page.key]), "nav": "stay",
                "comment": f"Opmerking {turn}" if page.allow_comment else ""}
        for item in page.items:
            data[item.field_name] = str(item.options[turn % len(item.options)].value)
        # urlencoded, as a browser submits the page form (the peer's bench posts the same way)
        response = client.post(url(page), urlencode(data), content_type="application/x-www-form-urlencoded")
        assert response.status_code == 302, (response.status_code, page.key)
        revisions[page.key] += 1

    def queries(action) -> int:
        with CaptureQueriesContext(connection) as captured:
            action()
        return len(captured)

    return questionnaire, render, save, queries


def _timed(action) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def measure_page(instrument, *, repeat: int) -> dict:
    questionnaire, render, save, queries = _client_for(instrument, slug="page")
    (page,) = questionnaire.pages
    render(page)
    save(page, 0)
    result = {"items": len(page.items), "get_queries": queries(lambda: render(page)),
              "save_queries": queries(lambda: save(page, 1))}
    timings: dict[str, list[float]] = {"get": [], "get_cpu": [], "save": [], "save_cpu": []}
    for turn in range(repeat):
        for name, action in (("get", lambda: render(page)), ("save", lambda turn=turn: save(page, turn + 2))):
            wall, cpu = _timed(action)
            timings[name].append(wall)
            timings[f"{name}_cpu"].append(cpu)
    result.update({name: statistics.median(values) for name, values in timings.items()})
    return result


def _floor_urlconf():
    """The site's URLs plus one empty view, as a module object (ROOT_URLCONF accepts one)."""
    import types

    from django.http import HttpResponse
    from django.urls import include, path

    module = types.ModuleType("bench_floor_urls")
    module.urlpatterns = [path("bench-floor/", lambda request: HttpResponse(b"")),  # type: ignore[attr-defined]
                          path("", include("ketenregie.urls"))]
    return module


def measure_floor(client, *, requests: int, repeat: int) -> float:
    """Median wall time (ms) of ``requests`` empty requests through the whole middleware stack."""
    from django.conf import settings
    from django.urls import clear_url_caches

    original = settings.ROOT_URLCONF
    settings.ROOT_URLCONF = _floor_urlconf()
    clear_url_caches()
    try:
        assert client.get("/bench-floor/").status_code == 200
        totals = []
        for _turn in range(repeat):
            started = time.perf_counter()
            for _request in range(requests):
                client.get("/bench-floor/")
            totals.append((time.perf_counter() - started) * 1000)
        return statistics.median(totals)
    finally:
        settings.ROOT_URLCONF = original
        clear_url_caches()


def measure_whole(instrument, *, repeat: int) -> dict:
    questionnaire, render, save, _queries = _client_for(instrument, slug="whole")
    for page in questionnaire.pages:  # warm-up, as a respondent's second visit
        render(page)
        save(page, 0)
    totals, cpu_totals = [], []
    for turn in range(repeat):
        def everything(turn=turn):
            for page in questionnaire.pages:
                render(page)
                save(page, turn + 1)
        wall, cpu = _timed(everything)
        totals.append(wall)
        cpu_totals.append(cpu)
    items = questionnaire.item_count
    total, cpu = statistics.median(totals), statistics.median(cpu_totals)
    floor = measure_floor(render.client, requests=2 * len(questionnaire.pages), repeat=repeat)
    return {"pages": len(questionnaire.pages), "items": items, "total": total, "total_cpu": cpu,
            "per_item": total / items, "per_item_cpu": cpu / items,
            "floor": floor, "floor_per_item": floor / items}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kr-compare-") as tmp:
        questionnaire_bench.setup_django(Path(tmp) / "bench.sqlite3")
        from assessments.models import Instrument

        shipped = Instrument.objects.get(slug="ketenregie", version=1)
        page = measure_page(hundred_item_instrument(shipped), repeat=args.repeat)
        whole = measure_whole(shipped, repeat=args.repeat)
    print(f"100-item page: GET {page['get']:.1f} ms ({page['get_queries']} queries), "
          f"save {page['save']:.1f} ms ({page['save_queries']} queries)")
    print(f"whole questionnaire: {whole['pages']} pages, {whole['items']} items, GET + save each: "
          f"{whole['total']:.0f} ms, {whole['per_item']:.2f} ms per item; "
          f"floor of {2 * whole['pages']} empty requests {whole['floor']:.0f} ms "
          f"({whole['floor_per_item']:.2f} per item)")
    print("RESULT " + json.dumps({"page": page, "whole": whole}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
