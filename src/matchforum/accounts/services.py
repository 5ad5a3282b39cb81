"""Writes of accounts: sign-up with an organisation, e-mail confirmation."""

from __future__ import annotations

from collections.abc import Iterable

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
from matchforum.forums.models import CapabilityTrack, Forum
from matchforum.notifications.mail import address_mail_send
from matchforum.organisations.models import Organisation
from matchforum.organisations.services import organisation_register

from .models import User
from .tasks import send_confirmation_email


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
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address exists already.")})
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name.strip(), is_active=False
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
