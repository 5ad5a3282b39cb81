"""Forget the cached current forum whenever a forum changes (see selectors.forum_current)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Forum
from .selectors import forum_current_forget


@receiver(post_save, sender=Forum, dispatch_uid="forum_current_forget_on_save")
@receiver(post_delete, sender=Forum, dispatch_uid="forum_current_forget_on_delete")
def _forget_current_forum(sender, **kwargs) -> None:
    forum_current_forget()
