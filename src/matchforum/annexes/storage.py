"""Private file storage: outside MEDIA_ROOT, with no URL at all.

Annex files are only ever streamed by the download view after its checks; a storage
that cannot produce a URL keeps a template or a serializer from leaking a public link.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    # Read from the settings each time (not cached) so that tests and deployments that
    # point PRIVATE_FILES_ROOT elsewhere take effect at once.
    @property
    def base_location(self) -> str:  # type: ignore[override]
        return str(settings.PRIVATE_FILES_ROOT)

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; they are served by a checking view.")


def private_storage() -> PrivateStorage:
    """The storage of annex files (a callable, so migrations do not freeze a path)."""
    return PrivateStorage()
