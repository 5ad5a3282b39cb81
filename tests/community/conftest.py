from __future__ import annotations

import pytest

from matchforum.forums.models import CapabilityTrack


@pytest.fixture
def demining(db) -> CapabilityTrack:
    return CapabilityTrack.objects.get(slug="demining")


@pytest.fixture
def member(make_delegate, demining):
    """A delegate of an approved organisation working in demining."""
    delegate = make_delegate(name="Baltic Clearance")
    delegate.organisation.tracks.add(demining)
    return delegate


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
