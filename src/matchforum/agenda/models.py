"""The secret token of a delegate's private calendar subscription."""

from __future__ import annotations

from django.db import models

from matchforum.organisations.models import Delegate


class CalendarToken(models.Model):
    """Whoever knows the token reads the delegate's meetings; regenerate to revoke."""

    delegate = models.OneToOneField(
        Delegate, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar of {self.delegate}"
