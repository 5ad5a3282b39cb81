"""Writes of accounts: sign-up with an organisation, e-mail confirmation."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from matchforum.core.enqueue import enqueue_on_commit
from matchforum.core.language import user_language
from matchforum.core.links import site_url
from matchforum.core.text_limits import text_within
from matchforum.forums.models import CapabilityTrack, Forum
from matchforum.notifications.mail import address_mail_send, templates_message
from matchforum.organisations.models import Organisation
from matchforum.organisations.services import organisation_register

from .models import User
from .tasks import send_confirmation_email, send_password_reset_email, send_sign_up_attempt_email


@transaction.atomic
def account_sign_up(
    *,
    forum: Forum,
    email: str,
    full_name: str,
    password: str,
    organisation_name: str,
    country: str,
    kind: str,
    role: str = "",
    tracks: Iterable[CapabilityTrack] = (),
    **organisation_fields: object,
) -> tuple[User, Organisation]:
    """Create an inactive account and its organisation (pending vetting).

    The account becomes active when the e-mail address is confirmed; the confirmation
    link is mailed in the background.
    """
    email = email.strip().lower()
    full_name = text_within(full_name, model=User, field="full_name")
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address exists already.")})
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name, is_active=False
    )
    organisation = organisation_register(
        forum=forum,
        name=organisation_name,
        country=country,
        kind=kind,
        contact=user,
        tracks=tracks,
        role=role,
        **organisation_fields,
    )
    enqueue_on_commit(send_confirmation_email, user.pk)
    return user, organisation


def account_for_sign_up_address(*, email: str) -> User | None:
    """The account that already uses this address, if any (never shown to the visitor)."""
    return User.objects.filter(email__iexact=email.strip()).first()


def account_sign_up_cost_equalise(*, password: str) -> None:
    """Spend what a real sign-up spends on hashing, so the answer's timing tells nothing."""
    make_password(password)


def account_sign_up_address_taken(*, user: User) -> None:
    """Someone signed up with this account's address: tell its owner, create nothing.

    An owner who never confirmed gets the confirmation link again, the others a note with
    the way to sign in.
    """
    if not user.is_active and user.last_login is None:
        enqueue_on_commit(send_confirmation_email, user.pk)
    else:
        enqueue_on_commit(send_sign_up_attempt_email, user.pk)


def account_sign_up_attempt_notify(*, user: User) -> None:
    """Tell an account's owner that someone tried to sign up with their address.

    The sign-up page answers the same whether the address is taken or not; the owner
    learns it here, with the way back in. A security message: sent at once, never in a
    digest.
    """
    build = templates_message(
        recipient=user,
        subject_template="accounts/email/sign_up_attempt_subject.txt",
        body_template="accounts/email/sign_up_attempt_body.txt",
        context={
            "sign_in_link": site_url(reverse("accounts:login")),
            "password_reset_link": site_url(reverse("accounts:password_reset")),
        },
    )
    address_mail_send(address=user.email, language=user_language(user), build=build)


def account_password_reset_request(*, email: str) -> None:
    """Queue the reset mail; the lookup happens in the task, so the answer tells nothing."""
    enqueue_on_commit(send_password_reset_email, email)


def account_password_reset_send(*, email: str) -> int:
    """E-mail a one-time password-reset link to the account at this address, if any.

    Only active accounts with a password get one (as Django's own reset form does);
    returns how many messages were sent (0 or 1), which the visitor is never told. The
    link is built on `SITE_URL`, never on the request's Host header, so a forged Host
    cannot send someone a link to another site.
    """
    from .tokens import password_reset_token_generator

    sent = 0
    for user in User.objects.filter(email__iexact=email.strip(), is_active=True):
        if not user.has_usable_password():
            continue
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": password_reset_token_generator.make_token(user),
            },
        )
        build = templates_message(
            recipient=user,
            subject_template="accounts/email/password_reset_subject.txt",
            body_template="accounts/email/password_reset_body.txt",
            context={"link": site_url(path), "minutes": settings.PASSWORD_RESET_LINK_MINUTES},
        )
        address_mail_send(address=user.email, language=user_language(user), build=build)
        sent += 1
    return sent


def account_password_reset_complete(*, user: User) -> None:
    """After a reset, nothing signed in with the old password keeps working.

    Sessions end by themselves (their hash follows the password); API tokens do not, so
    they are revoked here (each revocation audited).
    """
    from matchforum.api.services import api_token_revoke

    for token in user.api_tokens.all():
        api_token_revoke(token=token)


def account_confirmation_path(*, user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:confirm", kwargs={"uidb64": uid, "token": token})


def account_unconfirmed(*, email: str) -> User | None:
    """The account waiting for its e-mail confirmation at this address, if any."""
    return User.objects.filter(
        email__iexact=email.strip(), is_active=False, last_login=None
    ).first()


def account_confirmation_resend(*, email: str) -> None:
    """Mail the confirmation link again to the account waiting at this address, if any."""
    user = account_unconfirmed(email=email)
    if user is not None:
        enqueue_on_commit(send_confirmation_email, user.pk)


def account_confirmation_mail_send(*, user: User) -> None:
    """Mail the confirmation link in the person's language. The address is not confirmed
    yet, so this is mail to a bare address, not a notification."""
    link = site_url(account_confirmation_path(user=user))

    def build() -> tuple[str, str]:
        body = render_to_string("accounts/email/confirm.txt", {"user": user, "link": link})
        return _("Confirm your e-mail address"), body

    address_mail_send(address=user.email, language=user_language(user), build=build)


def account_confirm(*, uidb64: str, token: str) -> User | None:
    """Activate the account the link was made for; None when the link is not valid."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = User.objects.filter(pk=pk).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def user_set_time_zone(*, user: User, time_zone: str) -> User:
    """The person's own time zone ("" = the forum's); times are shown in both when they differ."""
    from zoneinfo import available_timezones

    if time_zone and time_zone not in available_timezones():
        raise ValidationError({"time_zone": _("Unknown time zone.")})
    user.time_zone = time_zone
    user.save(update_fields=["time_zone"])
    return user
