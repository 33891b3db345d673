"""Admin registrations: rounds and invitations are manageable, answers are read-only evidence."""

from django.urls import reverse

from rounds.models import RoundStatus
from tests.rounds.manage_helpers import invite, make_instrument, make_round, respond


def test_admin_lists_rounds_invitations_and_responses(client_for, superuser, network, member):
    round = make_round(network=network, instrument=make_instrument(), status=RoundStatus.OPEN)
    respond(invitation=invite(round=round, users=[member])[0], answer=True)
    client = client_for(superuser)
    for name in ("round", "invitation", "response", "answer", "pagestate"):
        assert client.get(reverse(f"admin:rounds_{name}_changelist")).status_code == 200, name
    assert client.get(reverse("admin:rounds_round_change", args=[round.pk])).status_code == 200


def test_answers_cannot_be_added_changed_or_deleted_in_admin(client_for, superuser, network, member):
    round = make_round(network=network, instrument=make_instrument(), status=RoundStatus.OPEN)
    response = respond(invitation=invite(round=round, users=[member])[0], answer=True)
    answer = response.answers.get()
    client = client_for(superuser)
    assert client.get(reverse("admin:rounds_answer_add")).status_code == 403
    page = client.get(reverse("admin:rounds_answer_change", args=[answer.pk]))
    assert page.status_code == 200
    assert 'name="value"' not in page.content.decode()
    client.post(reverse("admin:rounds_answer_change", args=[answer.pk]), {"value": "1"})
    answer.refresh_from_db()
    assert answer.value == 3
    assert client.post(reverse("admin:rounds_answer_delete", args=[answer.pk]), {"post": "yes"}).status_code == 403
