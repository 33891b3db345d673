"""Benchmark: server time to render and to save a questionnaire page, and how it grows with the item count.

Run from the repository root:

    .venv/bin/python bench/questionnaire_bench.py [--repeat 15]

What it does: creates a temporary SQLite database (WAL, as in production on SQLite), migrates it (which
loads the shipped instrument), and opens a round with every optional module switched on. A respondent with a
confirmed profile then renders (GET) and saves (POST, the page's own form, answered in full) every page of
the questionnaire ``--repeat`` times, through Django's test Client in-process: the time measured is the full
Django request cycle (middleware, views, templates, SQL), without network or browser.

The same is done for a synthetic instrument twice as large: every item of the shipped instrument appears twice
on its page (so every page has double the items). Figures printed: pages, items, median and 90th percentile
milliseconds per page render and per page save, SQL queries per render and per save (the same on every page,
whatever its size), and the ratio between the two instruments.

Settings: ketenregie.settings.test (DEBUG off, in-memory mail) with DATABASE_URL pointing at the temporary
file. Nothing outside the temporary directory is touched. Times are wall-clock medians and include whatever
else the machine is doing; the CPU column (process time) is less sensitive to a busy machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "ketenregie.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["STATIC_ROOT"] = str(database.parent / "static")
    (database.parent / "static").mkdir(exist_ok=True)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    # Deliberately no setup_test_environment(): it instruments every template render for the test Client,
    # which would be measured as server time.
    call_command("migrate", verbosity=0)


def doubled_instrument(source):
    """A copy of ``source`` in which every item appears twice on its page (codes suffixed "b")."""
    from assessments.models import Dimension, Instrument, Item, Module, Scale, ScaleOption

    copy = Instrument.objects.create(slug="bench-double", version=1, name_nl=source.name_nl + " (dubbel)",
                                     name_en=source.name_en + " (double)", status=source.status)
    scales = {}
    for scale in source.scales.all():
        scales[scale.pk] = Scale.objects.create(instrument=copy, code=scale.code, name_nl=scale.name_nl,
                                                name_en=scale.name_en)
        ScaleOption.objects.bulk_create([
            ScaleOption(scale=scales[scale.pk], value=o.value, label_nl=o.label_nl, label_en=o.label_en, order=o.order)
            for o in scale.options.all()
        ])
    order = 0
    for module in source.modules.order_by("order"):
        new_module = Module.objects.create(
            instrument=copy, code=module.code, optional=module.optional, allow_comment=module.allow_comment,
            title_nl=module.title_nl, title_en=module.title_en, intro_nl=module.intro_nl, intro_en=module.intro_en,
            source=module.source, order=module.order)
        for dimension in module.dimensions.order_by("order"):
            new_dimension = Dimension.objects.create(
                module=new_module, code=dimension.code, title_nl=dimension.title_nl, title_en=dimension.title_en,
                intro_nl=dimension.intro_nl, intro_en=dimension.intro_en, order=dimension.order)
            items = []
            for item in dimension.items.order_by("order"):
                for suffix in ("", "b"):
                    order += 1
                    items.append(Item(
                        instrument=copy, dimension=new_dimension, scale=scales[item.scale_id],
                        code=item.code + suffix, factor=item.factor + suffix if item.factor else "",
                        aspect=item.aspect, label_nl=item.label_nl, label_en=item.label_en, text_nl=item.text_nl,
                        text_en=item.text_en, help_nl=item.help_nl, help_en=item.help_en, flags=item.flags,
                        source=item.source, order=order))
            Item.objects.bulk_create(items)
    return copy


def respondent(instrument, *, slug: str):
    """An open round on ``instrument`` with every optional module on, and one invitee with a confirmed profile."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from assessments.models import Module
    from networks.models import Level, Membership, Network, Organisation, Partnership, PlatformRole, Sector
    from rounds.models import Invitation, Round, RoundStatus

    network = Network.objects.create(name=f"Bench {slug}", slug=slug)
    organisation = Organisation.objects.create(name=f"Organisatie {slug}", sector=Sector.WELFARE)
    Partnership.objects.create(network=network, organisation=organisation, roles=["ketenpartner"])
    user = get_user_model().objects.create_user(username=f"{slug}@example.org", email=f"{slug}@example.org")
    Membership.objects.create(network=network, user=user, role=PlatformRole.MEMBER, organisation=organisation,
                              level=Level.TACTICAL)
    round = Round.objects.create(network=network, name="Bench", slug="bench", instrument=instrument,
                                 status=RoundStatus.OPEN)
    round.optional_modules.set(Module.objects.filter(instrument=instrument, optional=True))
    invitation = Invitation.objects.create(round=round, user=user)
    client = Client()
    client.post(reverse("rounds:respond", kwargs={"token": invitation.token}))  # starting is a POST
    client.post(reverse("rounds:respond_profile", kwargs={"token": invitation.token}),
                {"organisation": organisation.pk, "level": Level.TACTICAL})
    return client, invitation.token, round


def measure(instrument, *, slug: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from rounds.questionnaire import questionnaire_for_round

    client, token, round = respondent(instrument, slug=slug)
    questionnaire = questionnaire_for_round(round=round)
    revisions = {page.key: 0 for page in questionnaire.pages}

    def page_data(page, turn: int) -> dict:
        data = {"page": page.key, "revision": str(revisions[page.key]), "nav": "stay",
                "comment": f"Opmerking {turn}" if page.allow_comment else ""}
        for item in page.items:
            data[item.field_name] = str(item.options[turn % len(item.options)].value)
        return data

    def render(page):
        response = client.get(reverse("rounds:respond_page", kwargs={"token": token, "page": page.key}))
        assert response.status_code == 200, response.status_code

    def save(page, turn):
        response = client.post(reverse("rounds:respond_page", kwargs={"token": token, "page": page.key}),
                               page_data(page, turn))
        assert response.status_code == 302, (response.status_code, page.key)
        revisions[page.key] += 1

    for page in questionnaire.pages:  # warm-up: imports, template loading, first writes
        render(page)
        save(page, 0)
    render_queries, save_queries = set(), set()
    for page in questionnaire.pages:
        with CaptureQueriesContext(connection) as queries:
            render(page)
        render_queries.add(len(queries))
        with CaptureQueriesContext(connection) as queries:
            save(page, 1)
        save_queries.add(len(queries))

    timings: dict[str, list[float]] = {
        name: [] for name in ("render", "save", "render_cpu", "save_cpu", "largest_render", "largest_save")}
    largest = max(questionnaire.pages, key=lambda p: len(p.items))

    def timed(action) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000

    for turn in range(repeat):
        for page in questionnaire.pages:
            wall, cpu = timed(lambda page=page: render(page))
            timings["render"].append(wall)
            timings["render_cpu"].append(cpu)
            if page is largest:
                timings["largest_render"].append(wall)
            wall, cpu = timed(lambda page=page, turn=turn: save(page, turn + 2))
            timings["save"].append(wall)
            timings["save_cpu"].append(cpu)
            if page is largest:
                timings["largest_save"].append(wall)

    result: dict[str, object] = {name: statistics.median(values) for name, values in timings.items()}
    result.update({
        "pages": len(questionnaire.pages), "items": questionnaire.item_count,
        "largest_page": f"{largest.key} ({len(largest.items)} items)",
        "render_p90": statistics.quantiles(timings["render"], n=10)[-1],
        "save_p90": statistics.quantiles(timings["save"], n=10)[-1],
        "render_queries": sorted(render_queries), "save_queries": sorted(save_queries),
    })
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15, help="rounds over all pages (default 15)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kr-bench-") as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        from assessments.models import Instrument

        shipped = Instrument.objects.filter(slug="ketenregie", version=1).first()
        if shipped is None:
            sys.exit("The shipped instrument ketenregie v1 was not loaded by the migrations.")
        double = doubled_instrument(shipped)
        results = {"full instrument": measure(shipped, slug="full", repeat=args.repeat),
                   "doubled items": measure(double, slug="double", repeat=args.repeat)}

    print(f"Questionnaire page benchmark: SQLite (WAL), Django test Client in-process, {args.repeat} rounds over "
          f"every page, {os.cpu_count()} CPU(s), Python {sys.version.split()[0]}")
    print("milliseconds per request: median wall / 90th percentile wall / median CPU")
    for name, r in results.items():
        print(f"  {name}: {r['pages']} pages, {r['items']} items")
        print(f"    render a page  {r['render']:6.1f} / {r['render_p90']:6.1f} / {r['render_cpu']:6.1f}"
              f"   SQL queries per render: {', '.join(map(str, r['render_queries']))}")
        print(f"    save a page    {r['save']:6.1f} / {r['save_p90']:6.1f} / {r['save_cpu']:6.1f}"
              f"   SQL queries per save:   {', '.join(map(str, r['save_queries']))}")
        print(f"    largest page {r['largest_page']}: render {r['largest_render']:.1f}, save {r['largest_save']:.1f}")
    full, double = results["full instrument"], results["doubled items"]
    print(f"  growth with doubled items (median wall / CPU): render x{double['render'] / full['render']:.2f} / "
          f"x{double['render_cpu'] / full['render_cpu']:.2f}, save x{double['save'] / full['save']:.2f} / "
          f"x{double['save_cpu'] / full['save_cpu']:.2f}")


if __name__ == "__main__":
    main()
