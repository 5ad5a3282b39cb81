from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from matchforum.annexes.services import annex_create
from tests.factories import (
    CooperationProfileFactory,
    DelegateFactory,
    OrganisationFactory,
    forum_build,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NDA = "The recipient keeps the annexes confidential for five years."


def pdf(name: str = "drawings.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def annexes(db, settings, tmp_path):
    """An offer of a Ukrainian producer with a PDF annex, a Lithuanian viewer, the forum's
    NDA template; annex files in a private folder of the test."""
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    forum = forum_build()
    forum.nda_template = NDA
    forum.save(update_fields=["nda_template"])
    owner = DelegateFactory(organisation=OrganisationFactory(forum=forum, name="Kyiv Optics"))
    viewer = DelegateFactory(
        organisation=OrganisationFactory(forum=forum, name="Baltic Clearance", country="LT")
    )
    offer = CooperationProfileFactory(organisation=owner.organisation, title="Thermal sight")
    annex = annex_create(offer=offer, editor=owner, title="Drawings", upload=pdf())
    return {
        "forum": forum,
        "owner": owner,
        "viewer": viewer,
        "offer": offer,
        "annex": annex,
        "tmp_path": tmp_path,
    }
