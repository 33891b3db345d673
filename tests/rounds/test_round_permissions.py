"""Permission matrix for every coordinator-side round URL: anonymous, outsider, member, coordinator, superuser."""

import pytest
from django.urls import reverse

from rounds.models import Invitation, RoundStatus
from tests.must import present
from tests.rounds.manage_helpers import invite, make_instrument, make_round

# (url name, method, coordinator only, round status the action makes sense in)
URLS = [
    ("rounds:create", "get", True, None),
    ("rounds:detail", "get", False, RoundStatus.OPEN),
    ("rounds:edit", "get", True, RoundStatus.OPEN),
    ("rounds:open", "get", True, RoundStatus.DRAFT),
    ("rounds:open", "post", True, RoundStatus.DRAFT),
    ("rounds:close", "get", True, RoundStatus.OPEN),
    ("rounds:invitations", "get", True, RoundStatus.OPEN),
    ("rounds:invitation_remind", "post", True, RoundStatus.OPEN),
    ("rounds:invitation_revoke", "post", True, RoundStatus.OPEN),
    ("rounds:invitation_reissue", "post", True, RoundStatus.OPEN),
    ("rounds:monitor", "get", True, RoundStatus.OPEN),
]


@pytest.fixture
def rounds_by_status(network, coordinator, member):
    instrument = make_instrument()
    result = {}
    for status in (RoundStatus.DRAFT, RoundStatus.OPEN):
        round = make_round(network=network, instrument=instrument, status=status)
        invite(round=round, users=[member])
        result[status] = round
    return result


def _url(name: str, status, rounds_by_status, network) -> str:
    if status is None:
        return reverse(name, kwargs={"network_slug": network.slug})
    round = rounds_by_status[status]
    kwargs = {"network_slug": network.slug, "round_slug": round.slug}
    if name in ("rounds:invitation_revoke", "rounds:invitation_reissue"):
        kwargs["pk"] = present(Invitation.objects.filter(round=round).first()).pk
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("name", "method", "coordinator_only", "status"), URLS)
def test_anonymous_is_sent_to_login(client, network, rounds_by_status, name, method, coordinator_only, status):
    response = getattr(client, method)(_url(name, status, rounds_by_status, network))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize(("name", "method", "coordinator_only", "status"), URLS)
def test_member_of_another_network_gets_404(client_for, outsider, network, rounds_by_status, name, method,
                                            coordinator_only, status):
    response = getattr(client_for(outsider), method)(_url(name, status, rounds_by_status, network))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "method", "coordinator_only", "status"), URLS)
def test_member_reads_the_round_but_gets_403_for_coordinator_work(client_for, member, network, rounds_by_status,
                                                                  name, method, coordinator_only, status):
    response = getattr(client_for(member), method)(_url(name, status, rounds_by_status, network))
    assert response.status_code == (403 if coordinator_only else 200)


@pytest.mark.parametrize(("name", "method", "coordinator_only", "status"), URLS)
def test_coordinator_reaches_every_url(client_for, coordinator, network, rounds_by_status, name, method,
                                       coordinator_only, status, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(client_for(coordinator), method)(_url(name, status, rounds_by_status, network))
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(("name", "method", "coordinator_only", "status"), URLS)
def test_superuser_reaches_every_url(client_for, superuser, network, rounds_by_status, name, method,
                                     coordinator_only, status, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(client_for(superuser), method)(_url(name, status, rounds_by_status, network))
    assert response.status_code in (200, 302)


def test_draft_round_is_invisible_to_members(client_for, member, network, rounds_by_status):
    url = _url("rounds:detail", RoundStatus.DRAFT, rounds_by_status, network)
    assert client_for(member).get(url).status_code == 404


def test_invitation_of_another_round_is_404(client_for, coordinator, network, rounds_by_status):
    open_round = rounds_by_status[RoundStatus.OPEN]
    foreign = Invitation.objects.get(round=rounds_by_status[RoundStatus.DRAFT])
    url = reverse("rounds:invitation_revoke", kwargs={"network_slug": network.slug, "round_slug": open_round.slug,
                                                      "pk": foreign.pk})
    assert client_for(coordinator).post(url).status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None


def test_round_of_another_network_is_404_even_for_its_coordinator(client_for, outsider, other_network, network,
                                                                  rounds_by_status):
    round = rounds_by_status[RoundStatus.OPEN]
    url = reverse("rounds:detail", kwargs={"network_slug": other_network.slug, "round_slug": round.slug})
    assert client_for(outsider).get(url).status_code == 404


def test_get_on_post_only_urls_is_refused(client_for, coordinator, network, rounds_by_status):
    url = _url("rounds:invitation_remind", RoundStatus.OPEN, rounds_by_status, network)
    assert client_for(coordinator).get(url).status_code == 405
