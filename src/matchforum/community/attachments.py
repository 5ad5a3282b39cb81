"""Checking attached files on their content: type by magic bytes, and size.

The name's extension must agree with what the bytes are; a renamed executable
or an HTML page called report.pdf is refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extensions: tuple[str, ...]


PDF = FileKind("application/pdf", (".pdf",))
PNG = FileKind("image/png", (".png",))
JPEG = FileKind("image/jpeg", (".jpg", ".jpeg"))
DOCX = FileKind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
)
XLSX = FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
ALLOWED_EXTENSIONS = ", ".join(
    ext for kind in (PDF, PNG, JPEG, DOCX, XLSX) for ext in kind.extensions
)


def attachment_max_bytes() -> int:
    return int(getattr(settings, "MATCHFORUM_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def sniff_file_kind(upload: UploadedFile) -> FileKind | None:
    """What the bytes of the file are, among the accepted kinds; None otherwise."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return XLSX
    return None


ATTACHMENT_NAME_LIMIT = 200  # the models' field length: a longer name is refused, never cut


def attachment_name(upload: UploadedFile) -> str:
    """The file's own name (no folders), or a ValidationError when it is too long to keep."""
    name = PurePath(upload.name or "").name
    if len(name) > ATTACHMENT_NAME_LIMIT:
        raise ValidationError(
            _("The file name “%(name)s…” is longer than %(limit)s characters; rename the file.")
            % {"name": name[:40], "limit": ATTACHMENT_NAME_LIMIT}
        )
    return name


def attachment_check(upload: UploadedFile, *, max_bytes: int | None = None) -> FileKind:
    """The file's kind when it is accepted; a ValidationError saying why not otherwise.

    `max_bytes` is the size limit (default: that of posts' attachments)."""
    limit = max_bytes if max_bytes is not None else attachment_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("%(name)s is larger than %(limit)s.")
            % {"name": upload.name, "limit": filesizeformat(limit)}
        )
    kind = sniff_file_kind(upload)
    extension = PurePath(upload.name or "").suffix.lower()
    if kind is None or extension not in kind.extensions:
        raise ValidationError(
            _("%(name)s is not an accepted file. Accepted: %(types)s.")
            % {"name": upload.name, "types": ALLOWED_EXTENSIONS}
        )
    return kind
