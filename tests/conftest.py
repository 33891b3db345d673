"""Shared fixtures: small builders for users, networks and memberships, used across the test suite."""

import itertools

import pytest

_counter = itertools.count(1)


@pytest.fixture
def make_user(db):
    from django.contrib.auth import get_user_model

    def make(*, email: str | None = None, password: str = "correct-horse-battery", **extra):
        n = next(_counter)
        email = email or f"user{n}@example.org"
        user = get_user_model().objects.create_user(username=email, email=email, password=password, **extra)
        return user

    return make


@pytest.fixture
def make_network(db):
    # Imported here so that the pure test packages (scoring, charts) run without Django.
    from networks.models import Network, Organisation, Partnership, Sector

    def make(*, name: str | None = None, partners: int = 2, **fields):
        n = next(_counter)
        name = name or f"Netwerk {n}"
        network = Network.objects.create(name=name, slug=fields.pop("slug", f"netwerk-{n}"), **fields)
        for i in range(partners):
            org = Organisation.objects.create(name=f"Organisatie {n}-{i + 1}", sector=Sector.YOUTH_CARE)
            Partnership.objects.create(network=network, organisation=org, roles=["ketenpartner"])
        return network

    return make


@pytest.fixture
def make_membership(db, make_user):
    from networks.models import Level, Membership, PlatformRole

    def make(*, network, role: str = PlatformRole.MEMBER, user=None, level: str = Level.OPERATIONAL,
             organisation=None):
        user = user or make_user()
        if organisation is None:
            partnership = network.partnerships.select_related("organisation").first()
            organisation = partnership.organisation if partnership else None
        return Membership.objects.create(network=network, user=user, role=role, level=level,
                                         organisation=organisation)

    return make


@pytest.fixture
def network(make_network):
    return make_network(name="Jeugdketen Noord", slug="jeugdketen-noord")


@pytest.fixture
def other_network(make_network):
    return make_network(name="Zorgnetwerk Zuid", slug="zorgnetwerk-zuid")


@pytest.fixture
def coordinator(make_membership, network):
    return make_membership(network=network, role="coordinator").user


@pytest.fixture
def member(make_membership, network):
    return make_membership(network=network, role="member").user


@pytest.fixture
def outsider(make_membership, other_network):
    """A coordinator of another network: the classic cross-network intruder."""
    return make_membership(network=other_network, role="coordinator").user


@pytest.fixture
def superuser(make_user):
    return make_user(is_superuser=True, is_staff=True)


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def pytest_collection_modifyitems(config, items):
    """Run database-specific variants only on their database (deselected, not skipped, elsewhere).

    The suite runs twice, on SQLite and on PostgreSQL; a test marked ``postgres_only`` or ``sqlite_only``
    belongs to exactly one of those runs.
    """
    import os

    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        wrong = (item.get_closest_marker("postgres_only") and not on_postgres) or (
            item.get_closest_marker("sqlite_only") and on_postgres)
        (drop if wrong else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture
def permission(db):
    """Look up a permission by "app_label.codename", creating the app's permissions first: a transactional test
    elsewhere in the run may have flushed the rows that post_migrate made."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission

    def get(name: str) -> Permission:
        app_label, codename = name.split(".")
        create_permissions(apps.get_app_config(app_label), verbosity=0)
        return Permission.objects.get(codename=codename, content_type__app_label=app_label)

    return get


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test must not leave cached scores or blocks behind."""
    yield
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(scope="session")
def redis_url():
    """URL of a real redis-server started for this test session (tests/server_testkit.py)."""
    from tests.server_testkit import redis_server

    with redis_server() as url:
        yield url
