"""The People and roles page: invitations with a set-password link, roles and directorates, deactivation,
history for every change, and the council's last performance-team account kept."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from goldthread.core.audit import history_for
from goldthread.council.models import NO_ROLE, Role, User
from goldthread.council.services import AccountError, account_set_active, account_update


@pytest.fixture
def team(client, make_user):
    lead = make_user(Role.PERFORMANCE, username="lead")
    client.force_login(lead)
    return lead


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.PERFORMANCE])
def test_only_the_performance_team_manages_people(client, make_user, role, council):
    client.force_login(make_user(role))
    assert client.get(reverse("council:people")).status_code == 403
    assert client.get(reverse("council:person-invite")).status_code == 403
    other = make_user(Role.OFFICER, username="other")
    assert client.post(reverse("council:person", args=[other.pk]), {"role": "performance"}).status_code == 403
    assert client.post(reverse("council:person-set-active", args=[other.pk]), {"active": "0"}).status_code == 403
    other.refresh_from_db()
    assert other.role == Role.OFFICER and other.is_active


def test_the_list_shows_role_and_directorate(client, team, make_user, directorate):
    make_user(Role.EDITOR, username="eddie")
    make_user(NO_ROLE, username="newcomer")
    page = client.get(reverse("council:people")).content.decode()
    assert "Directorate editor" in page and "Children&#x27;s Services" in page
    assert "No role yet" in page
    assert "Invite a person" in page


def test_council_settings_links_to_the_page(client, team, council):
    assert reverse("council:people") in client.get(reverse("council-settings")).content.decode()


def test_an_invitation_emails_a_link_that_sets_a_password(client, team, directorate):
    response = client.post(
        reverse("council:person-invite"),
        {
            "email": "Ed.Jones@testshire.gov.uk",
            "first_name": "Ed",
            "last_name": "Jones",
            "role": "editor",
            "directorate": directorate.pk,
        },
    )
    assert response.status_code == 302
    invited = User.objects.get(email="Ed.Jones@testshire.gov.uk")
    assert (invited.username, invited.role, invited.directorate) == ("ed.jones@testshire.gov.uk", "editor", directorate)
    assert not invited.has_usable_password()
    assert history_for(invited).get().user == team

    (email,) = mail.outbox
    assert email.to == ["Ed.Jones@testshire.gov.uk"]
    link = re.search(r"http://testserver(/account/set-password/\S+)", email.body).group(1)
    client.logout()
    form_page = client.get(link, follow=True)
    assert "Choose your password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    client.post(set_url, {"new_password1": "a fresh long password 7", "new_password2": "a fresh long password 7"})
    invited.refresh_from_db()
    assert invited.check_password("a fresh long password 7")
    # The link works once.
    assert "This link has expired or been used" in client.get(link, follow=True).content.decode()
    # And the new password signs in through the real form (django-axes first).
    client.post(reverse("login"), {"username": invited.username, "password": "a fresh long password 7"})
    assert client.session["_auth_user_id"] == str(invited.pk)


def test_an_invitation_when_only_the_provider_signs_in_sends_the_sign_in_page(client, team, settings, council):
    settings.GOLDTHREAD_PASSWORD_SIGN_IN = False
    settings.GOLDTHREAD_OIDC_PROVIDER_NAME = "Testshire Council"
    client.post(
        reverse("council:person-invite"),
        {"email": "amy@testshire.gov.uk", "first_name": "Amy", "last_name": "Ng", "role": "member"},
    )
    (email,) = mail.outbox
    assert "Sign in with Testshire Council at http://testserver/sign-in" in email.body
    assert "set-password" not in email.body


def test_an_invitation_is_refused_clearly(client, team, make_user):
    make_user(Role.MEMBER, username="amy", email="amy@testshire.gov.uk")
    response = client.post(
        reverse("council:person-invite"),
        {"email": "AMY@testshire.gov.uk", "first_name": "Amy", "last_name": "Ng", "role": "member"},
    )
    assert "There is already an account for AMY@testshire.gov.uk." in response.content.decode()
    response = client.post(
        reverse("council:person-invite"),
        {"email": "new@testshire.gov.uk", "first_name": "N", "last_name": "E", "role": "editor"},
    )
    assert "Choose the directorate a directorate editor enters figures for." in response.content.decode()
    assert not mail.outbox
    assert not User.objects.filter(email="new@testshire.gov.uk").exists()


def test_giving_and_changing_a_role_is_in_history(client, team, make_user, directorate):
    newcomer = make_user(NO_ROLE, username="newcomer")
    client.post(reverse("council:person", args=[newcomer.pk]), {"role": "editor", "directorate": directorate.pk})
    newcomer.refresh_from_db()
    assert (newcomer.role, newcomer.directorate) == ("editor", directorate)
    change = history_for(newcomer).first()
    assert change.user == team
    assert change.changes["role"] == ["none", "editor"]
    assert change.changes["directorate"] == [None, "Children's Services"]
    page = client.get(reverse("council:person", args=[newcomer.pk])).content.decode()
    assert "History" in page and "none → editor" in page


def test_deactivating_stops_sign_in_and_tokens_and_is_in_history(client, team, make_user):
    from goldthread.core.tokens import create_token, user_for_token

    member = make_user(Role.MEMBER, username="morgan")
    token = create_token(user=member)
    client.post(reverse("council:person-set-active", args=[member.pk]), {"active": "0"})
    member.refresh_from_db()
    assert not member.is_active
    assert user_for_token(token) is None
    assert history_for(member).first().reason == "Deactivated"
    client.post(reverse("council:person-set-active", args=[member.pk]), {"active": "1"})
    member.refresh_from_db()
    assert member.is_active
    assert history_for(member).first().reason == "Reactivated"


def test_the_last_performance_team_account_cannot_be_demoted_or_deactivated(client, team, make_user):
    response = client.post(reverse("council:person", args=[team.pk]), {"role": "member"}, follow=True)
    assert "is the last active performance-team account" in response.content.decode()
    team.refresh_from_db()
    assert team.role == Role.PERFORMANCE
    with pytest.raises(AccountError, match="last active performance-team account"):
        account_set_active(account=team, active=False, user=None)
    team.refresh_from_db()
    assert team.is_active
    assert not history_for(team).exists()

    # With a second performance-team account either may go.
    second = make_user(Role.PERFORMANCE, username="second")
    account_update(account=team, data={"role": Role.MEMBER}, user=second)
    with pytest.raises(AccountError):
        account_update(account=second, data={"role": Role.MEMBER}, user=second)
    with pytest.raises(AccountError):
        account_set_active(account=second, active=False, user=team)


def test_a_deactivated_performance_account_does_not_count(make_user, council):
    lead = make_user(Role.PERFORMANCE, username="lead")
    make_user(Role.PERFORMANCE, username="gone", is_active=False)
    with pytest.raises(AccountError):
        account_update(account=lead, data={"role": Role.AUDITOR}, user=lead)


def test_you_cannot_deactivate_yourself(client, team, make_user):
    make_user(Role.PERFORMANCE, username="second")
    response = client.post(reverse("council:person-set-active", args=[team.pk]), {"active": "0"}, follow=True)
    assert "You cannot deactivate your own account." in response.content.decode()
    team.refresh_from_db()
    assert team.is_active


def test_a_bad_role_or_missing_account_is_refused_not_a_500(client, team):
    response = client.post(reverse("council:person", args=[team.pk]), {"role": "overlord"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert client.get(reverse("council:person", args=[999999])).status_code == 404


def test_an_invitation_that_cannot_be_sent_makes_no_account(client, team, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens on the discard port
    response = client.post(
        reverse("council:person-invite"),
        {"email": "amy@testshire.gov.uk", "first_name": "Amy", "last_name": "Ng", "role": "member"},
    )
    assert "The invitation email to amy@testshire.gov.uk could not be sent" in response.content.decode()
    assert not User.objects.filter(email="amy@testshire.gov.uk").exists()
