"""Attachments are checked on their content and size, and served to members only."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from matchforum.community.attachments import attachment_check
from matchforum.community.models import Attachment, Thread

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00" + b"\x00" * 64


def _office(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.pdf", PDF, "application/pdf"),
        ("photo.PNG", PNG, "image/png"),
        ("photo.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 16, "image/jpeg"),
        (
            "notes.docx",
            _office("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "data.xlsx",
            _office("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_accepted_kinds_are_recognised_by_their_bytes(name, content, content_type):
    assert attachment_check(SimpleUploadedFile(name, content)).content_type == content_type


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", EXE),  # a program renamed to .pdf
        ("report.pdf", PNG),  # a real image with the wrong extension
        ("notes.docx", _office("xlsx")),  # a workbook called a document
        ("archive.zip", _office("docx")),  # right bytes, unaccepted name
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
        ("empty.pdf", b""),
    ],
)
def test_other_files_are_refused(name, content):
    with pytest.raises(ValidationError):
        attachment_check(SimpleUploadedFile(name, content))


def test_the_size_limit_is_configurable(settings):
    settings.MATCHFORUM_ATTACHMENT_MAX_BYTES = 100
    attachment_check(SimpleUploadedFile("small.pdf", PDF))
    with pytest.raises(ValidationError, match="larger than"):
        attachment_check(SimpleUploadedFile("big.pdf", PDF + b"x" * 100))


def test_a_member_attaches_a_file_and_only_members_download_it(
    client, forum, member, make_delegate, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member.user)
    response = client.post(
        "/coalitions/demining/threads/new/",
        {
            "kind": "test_results",
            "title": "Results",
            "body": "See the file.",
            "attachments": [SimpleUploadedFile("results.pdf", PDF)],
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    download = client.get(f"/coalitions/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]

    outsider = make_delegate()
    client.force_login(outsider.user)
    assert client.get(f"/coalitions/attachments/{attachment.pk}/").status_code == 404


def test_a_refused_file_keeps_the_rest_of_the_input(client, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member.user)
    response = client.post(
        "/coalitions/demining/threads/new/",
        {
            "kind": "lessons",
            "title": "Keep this title",
            "body": "Keep this text",
            "attachments": [SimpleUploadedFile("setup.pdf", EXE)],
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Keep this title" in body and "Keep this text" in body
    assert "setup.pdf is not an accepted file" in body
    assert Thread.objects.count() == 0


def test_a_file_name_over_the_limit_is_refused_not_cut(client, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member.user)
    long_name = "field-trial-report-" + "x" * 280 + ".pdf"
    response = client.post(
        "/coalitions/demining/threads/new/",
        {
            "kind": "test_results",
            "title": "Results",
            "body": "See the file.",
            "attachments": [SimpleUploadedFile(long_name, PDF)],
        },
    )
    assert response.status_code == 200
    assert "longer than 200 characters" in response.content.decode()
    assert Thread.objects.count() == 0 and Attachment.objects.count() == 0
