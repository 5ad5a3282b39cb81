"""The secret behind a delegate's badge QR code; a new secret makes every older badge void."""

from __future__ import annotations

from django.db import models

from matchforum.organisations.models import Delegate


class BadgeKey(models.Model):
    """Signed into the badge token with the delegate and forum ids: the signature stops
    forgeries, the random secret makes a lost badge revocable by issuing a new one."""

    delegate = models.OneToOneField(Delegate, on_delete=models.CASCADE, related_name="badge_key")
    secret = models.CharField(max_length=64, editable=False)
    issued_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Badge of {self.delegate}"
