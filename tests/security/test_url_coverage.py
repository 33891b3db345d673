"""Every URL pattern of the project has a cross-network access test.

The classification below is the single list of who may reach which URL. A new view that is not
listed here fails ``test_every_url_pattern_is_classified``, so nobody can add a page without deciding
(and testing) how it keeps networks apart. Network-scoped URLs are then requested by a coordinator
of another network with the real ids of a populated network: they must answer 404 (or 405 for the
wrong method), never leak data.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from networks.models import Membership, MembershipInvitation, Partnership, PlatformRole
from rounds.models import Answer, Invitation, Response, Round, RoundStatus
from tests.must import present

# Reachable without login: the site entry, language switch, health probe and the account flows.
PUBLIC = {
    "home", "set_language", "health", "login", "logout", "password_reset", "password_reset_done",
    "password_reset_confirm", "password_reset_complete",
}
# Any logged-in user, showing only the user's own data or non-sensitive content (the instrument).
OWN_OR_SHARED = {
    "password_change", "password_change_done", "networks:list", "networks:create", "rounds:my_responses",
    "networks:invitations", "networks:invitation_accept", "networks:invitation_decline",
    "assessments:codebook_latest", "assessments:codebook", "assessments:codebook_csv",
    "assessments:codebook_json",
}
# Only for the researcher group: everyone else gets 403.
RESEARCH = {"research:index", "research:download"}
# Personal token links: protected by the unguessable token and the browser claim.
TOKEN = {
    "rounds:respond", "rounds:respond_profile", "rounds:respond_page", "rounds:respond_autosave",
    "rounds:respond_review", "rounds:respond_submit", "rounds:respond_reopen", "rounds:respond_overview",
    "rounds:respond_resume_request", "rounds:respond_resume",
}
# Everything under one network: another network's coordinator must get 404.
NETWORK_SCOPED = {
    "networks:detail", "networks:edit", "networks:research_consent", "networks:partner_add",
    "networks:partner_edit", "networks:partner_remove", "networks:member_add", "networks:member_edit",
    "networks:member_remove", "networks:member_invitation_withdraw", "rounds:create", "rounds:detail",
    "rounds:edit", "rounds:open", "rounds:close",
    "rounds:invitations", "rounds:invitation_remind", "rounds:invitation_revoke", "rounds:invitation_reissue",
    "rounds:monitor", "results:latest", "results:dashboard", "results:mine", "results:json", "results:import",
    "results:import_job",
    "research:consent_history", "research:benchmark", "reports:html", "reports:pdf", "reports:personal_html",
    "reports:personal_pdf",
}


def _project_patterns(patterns=None, namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if ns == "admin":
                continue  # Django's admin: staff only, guarded by Django itself
            yield from _project_patterns(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name, pattern


def test_every_url_pattern_is_classified():
    classified = PUBLIC | OWN_OR_SHARED | RESEARCH | TOKEN | NETWORK_SCOPED
    unnamed = [str(p.pattern) for name, p in _project_patterns() if not name]
    unclassified = sorted(name for name, _ in _project_patterns() if name and name not in classified)
    assert not unnamed, f"Give these URL patterns a name: {unnamed}"
    assert not unclassified, (
        f"New URL(s) without a cross-network access rule: {unclassified}. Add each to a class in "
        "tests/security/test_url_coverage.py (and make the view enforce it)."
    )


def test_classes_do_not_overlap_and_name_existing_urls():
    classes = [PUBLIC, OWN_OR_SHARED, RESEARCH, TOKEN, NETWORK_SCOPED]
    names = {name for name, _ in _project_patterns()}
    for i, first in enumerate(classes):
        assert first <= names, f"stale entries: {sorted(first - names)}"
        for second in classes[i + 1:]:
            assert not first & second


@pytest.fixture
def target(network, make_membership, coordinator, member):
    """A network with a closed round, a submitted response and every kind of sub-record."""
    from assessments.models import Instrument

    instrument = present(Instrument.objects.latest_published())
    round_ = Round.objects.create(network=network, name="Ronde 1", slug="ronde-1", instrument=instrument,
                                  status=RoundStatus.CLOSED)
    invitation = Invitation.objects.create(round=round_, user=member)
    membership = Membership.objects.get(network=network, user=member)
    response = Response.objects.create(round=round_, invitation=invitation, respondent=member,
                                       organisation=membership.organisation, level=membership.level,
                                       profile_confirmed=True)
    item = instrument.items.get(code="SF.K1.presence")
    Answer.objects.create(response=response, item=item, value=4)
    from results.models import ImportJob

    job = ImportJob.objects.create(round=round_, created_by=coordinator)
    from django.contrib.auth import get_user_model

    invitee = get_user_model().objects.create_user(username="invitee@example.org", email="invitee@example.org")
    pending = MembershipInvitation.objects.create(network=network, user=invitee, email=invitee.email,
                                                  invited_by=coordinator)
    return {
        "slug": network.slug, "network_slug": network.slug, "round_slug": round_.slug, "token": invitation.token,
        "page": "SF-K", "signature": "1:forged:signature", "job_id": job.pk,
        "pk": {
            "partner": present(Partnership.objects.filter(network=network).first()).pk,
            "member": membership.pk,
            "invitation": invitation.pk,
            "membership_invitation": pending.pk,
        },
    }


def _kwargs(name: str, pattern: URLPattern, target: dict) -> dict:
    if name.startswith("assessments:"):
        return {key: {"slug": "ketenregie", "version": 1}[key] for key in pattern.pattern.converters}
    kwargs = {}
    for key in pattern.pattern.converters:
        if key == "pk":
            kind = ("membership_invitation" if name.startswith("networks:") and "invitation" in name
                    else "partner" if "partner" in name else "member" if "member" in name else "invitation")
            kwargs[key] = target["pk"][kind]
        else:
            kwargs[key] = target[key]
    return kwargs


def test_network_scoped_urls_answer_404_to_another_networks_coordinator(client_for, target, outsider):
    client = client_for(outsider)
    patterns = dict(_project_patterns())
    for name in sorted(NETWORK_SCOPED):
        url = reverse(name, kwargs=_kwargs(name, patterns[name], target))
        get, post = client.get(url).status_code, client.post(url).status_code
        assert {get, post} <= {404, 405} and 404 in {get, post}, f"{name} {url}: GET {get}, POST {post}"


def test_token_urls_do_not_open_a_started_response_for_someone_else(client_for, target, outsider):
    client = client_for(outsider)
    patterns = dict(_project_patterns())
    for name in sorted(TOKEN):
        url = reverse(name, kwargs=_kwargs(name, patterns[name], target))
        response = client.get(url)
        assert response.status_code in {302, 400, 403, 404, 405, 410}, f"{name}: {response.status_code}"
        if response.status_code == 302:
            assert "/r/" not in response["Location"] or "resume" in response["Location"], name
        assert 'value="4" checked' not in response.content.decode(errors="ignore"), name


def test_network_invitations_can_be_answered_only_by_the_invitee(client_for, target, outsider, coordinator):
    pk = target["pk"]["membership_invitation"]
    for user in (outsider, coordinator):
        client = client_for(user)
        for name in ("networks:invitation_accept", "networks:invitation_decline"):
            assert client.post(reverse(name, kwargs={"pk": pk})).status_code == 404, name
        assert f'data-invitation="{pk}"' not in client.get(reverse("networks:invitations")).content.decode()
    assert MembershipInvitation.objects.filter(pk=pk).exists()


def test_research_urls_refuse_coordinators(client_for, target, coordinator):
    client = client_for(coordinator)
    for name in sorted(RESEARCH):
        assert client.get(reverse(name)).status_code == 403, name


def test_anonymous_gets_login_redirect_on_protected_urls(client, target):
    patterns = dict(_project_patterns())
    for name in sorted(NETWORK_SCOPED | RESEARCH | (OWN_OR_SHARED - {"password_change_done"})):
        url = reverse(name, kwargs=_kwargs(name, patterns[name], target))
        response = client.get(url)
        assert response.status_code in {302, 405}, f"{name}: {response.status_code}"
        if response.status_code == 302:
            assert reverse("login") in response["Location"], name


def test_membership_roles_are_what_the_fixtures_claim(target, coordinator, member, outsider):
    assert Membership.objects.filter(user=coordinator, role=PlatformRole.COORDINATOR).exists()
    assert not Membership.objects.filter(user=outsider, network__slug=target["slug"]).exists()
