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
