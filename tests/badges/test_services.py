"""Badge tokens: only a genuine, current badge of this forum checks a delegate in."""

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError

from matchforum.badges.models import BadgeKey
from matchforum.badges.services import (
    TOKEN_SALT,
    badge_check_in,
    badge_renew,
    badge_token,
    badge_verify,
)
from tests.factories import (
    DelegateFactory,
    OrganisationFactory,
    forum_build,
    forum_running_today_build,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(db):
    """The desk scans on a forum day."""
    return forum_running_today_build()


def _refusal(forum, token) -> str:
    with pytest.raises(ValidationError) as raised:
        badge_verify(forum=forum, token=token)
    return raised.value.code


def test_a_genuine_token_names_its_delegate_and_is_not_the_id(forum, make_delegate):
    delegate = make_delegate()
    token = badge_token(delegate=delegate)
    assert badge_verify(forum=forum, token=token) == delegate
    assert badge_verify(forum=forum, token=f"  {token}\n") == delegate  # scanner whitespace
    # The same badge prints the same code until renewed; another delegate's differs.
    assert badge_token(delegate=delegate) == token
    assert badge_token(delegate=make_delegate()) != token
    assert BadgeKey.objects.get(delegate=delegate).secret in signing.Signer(
        salt=TOKEN_SALT
    ).unsign_object(token)


def test_forged_and_damaged_tokens_are_refused(forum, make_delegate):
    delegate = make_delegate()
    token = badge_token(delegate=delegate)
    secret = BadgeKey.objects.get(delegate=delegate).secret
    # The right payload signed with another key or salt: forged.
    forged = signing.Signer(salt="another.salt").sign_object([forum.pk, delegate.pk, secret])
    assert _refusal(forum, forged) == "forged"
    assert _refusal(forum, token[:-3] + ("abc" if token[-3:] != "abc" else "xyz")) == "forged"
    assert _refusal(forum, str(delegate.pk)) == "forged"
    assert _refusal(forum, "x" * 5000) == "forged"
    assert _refusal(forum, "") == "empty"


def test_a_badge_of_another_forum_is_refused(forum, make_delegate):
    other_forum = forum_build(name="Other Forum", slug="other-forum")
    stranger = DelegateFactory(organisation=OrganisationFactory(forum=other_forum))
    assert _refusal(forum, badge_token(delegate=stranger)) == "other_forum"
    # Signed for this forum's id but naming a delegate of the other forum: no such badge here.
    key = BadgeKey.objects.get(delegate=stranger)
    crafted = signing.Signer(salt=TOKEN_SALT).sign_object([forum.pk, stranger.pk, key.secret])
    assert _refusal(forum, crafted) == "revoked"


def test_a_renewed_badge_voids_the_printed_one(forum, make_delegate, organiser):
    delegate = make_delegate()
    old = badge_token(delegate=delegate)
    badge_renew(delegate=delegate, user=organiser)
    assert _refusal(forum, old) == "revoked"
    assert badge_verify(forum=forum, token=badge_token(delegate=delegate)) == delegate
    with pytest.raises(PermissionDenied):
        badge_renew(delegate=delegate, user=delegate.user)


def test_a_closed_account_is_refused(forum, make_delegate):
    delegate = make_delegate()
    token = badge_token(delegate=delegate)
    delegate.user.is_active = False
    delegate.user.save(update_fields=["is_active"])
    assert _refusal(forum, token) == "inactive"


def test_check_in_by_scan_and_a_second_scan_changes_nothing(forum, make_delegate, organiser):
    delegate = make_delegate()
    token = badge_token(delegate=delegate)
    first = badge_check_in(forum=forum, token=token, user=organiser)
    assert first.already is False
    delegate.refresh_from_db()
    arrived = delegate.checked_in_at
    assert arrived is not None
    second = badge_check_in(forum=forum, token=token, user=organiser)
    assert second.already is True
    assert second.delegate.checked_in_at == arrived
    delegate.refresh_from_db()
    assert delegate.checked_in_at == arrived


def test_only_organisers_check_in_by_scan(forum, make_delegate):
    delegate = make_delegate()
    token = badge_token(delegate=delegate)
    with pytest.raises(PermissionDenied):
        badge_check_in(forum=forum, token=token, user=delegate.user)
    delegate.refresh_from_db()
    assert delegate.checked_in_at is None
