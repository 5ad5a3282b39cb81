"""Every failed sign-in counts towards its address's limit (address_limit.py)."""

from __future__ import annotations

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from .address_limit import sign_in_failure_record


@receiver(user_login_failed, dispatch_uid="accounts_address_failure")
def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    if request is not None:
        sign_in_failure_record(request=request)
