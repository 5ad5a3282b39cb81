"""E-mails about accounts, sent in the background."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import User
from .services import (
    account_confirmation_path,
    account_password_reset_send,
    account_sign_up_attempt_notify,
)


@task()
def send_confirmation_email(user_id: int, base_url: str) -> bool:
    user = User.objects.filter(pk=user_id, is_active=False).first()
    if user is None:
        return False
    link = base_url.rstrip("/") + account_confirmation_path(user=user)
    with translation.override(user.preferred_language or None):
        body = render_to_string("accounts/email/confirm.txt", {"user": user, "link": link})
        send_mail(_("Confirm your e-mail address"), body, None, [user.email])
    return True


@task()
def send_sign_up_attempt_email(user_id: int, base_url: str) -> bool:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    account_sign_up_attempt_notify(user=user, base_url=base_url)
    return True


@task()
def send_password_reset_email(email: str) -> int:
    """Takes the address as typed, not a row id: the request never looks the address up,
    so its answer and its timing are the same whether an account has it or not."""
    return account_password_reset_send(email=email)
