"""Background tasks of accounts: they take ids, load rows and call a service."""

from __future__ import annotations

from django_tasks import task

from .models import User


@task()
def send_confirmation_email(user_id: int) -> bool:
    from .services import account_confirmation_mail_send

    user = User.objects.filter(pk=user_id, is_active=False).first()
    if user is None:
        return False
    account_confirmation_mail_send(user=user)
    return True


@task()
def send_sign_up_attempt_email(user_id: int) -> bool:
    from .services import account_sign_up_attempt_notify

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    account_sign_up_attempt_notify(user=user)
    return True


@task()
def send_password_reset_email(email: str) -> int:
    """Takes the address as typed, not a row id: the request never looks the address up,
    so its answer and its timing are the same whether an account has it or not."""
    from .services import account_password_reset_send

    return account_password_reset_send(email=email)
