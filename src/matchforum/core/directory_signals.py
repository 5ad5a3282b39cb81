"""Start a new directory generation whenever something a directory answer shows changes."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from matchforum.forums.models import CapabilityTrack, Forum
from matchforum.marketplace.models import CooperationProfile
from matchforum.organisations.models import Delegate, Organisation

from .directory_cache import directory_changed


def _changed(sender, **kwargs) -> None:
    # Now, so the changing process never serves the old answer inside its transaction,
    # and again after the commit, so no reader can store the old rows under the new
    # generation while the change is not yet visible to it.
    directory_changed()
    transaction.on_commit(directory_changed)


def connect() -> None:
    # A forum's row holds the classification rules and the participating countries.
    for model in (Forum, Organisation, CooperationProfile, Delegate, CapabilityTrack):
        uid = f"directory_changed_{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}_delete")
    for through in (Organisation.tracks.through, CooperationProfile.tracks.through):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"directory_m2m_{through}")
