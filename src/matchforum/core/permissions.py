"""Role checks that services share; object visibility is tenant scoping's job (tenancy.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from matchforum.accounts.models import User


def require_organiser(user: User) -> None:
    """Refuse the action unless the user runs the forum (organiser or staff)."""
    if not user.can_organise:
        raise PermissionDenied(_("Only organisers do this."))
