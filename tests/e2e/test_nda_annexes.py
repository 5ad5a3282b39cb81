"""NDA-gated technical annexes in Chromium: a Lithuanian delegate accepts the NDA of a
Ukrainian offer and downloads its annex, the owner sees the download and revokes the
access, and the next download is refused."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from matchforum.annexes.models import NdaAcceptance
from matchforum.annexes.services import annex_create
from tests.factories import (
    CooperationProfileFactory,
    DelegateFactory,
    OrganisationFactory,
    UserFactory,
    forum_build,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NDA = "The recipient keeps the annexes confidential for five years."


@pytest.fixture
def offer_with_annex(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    forum = forum_build()
    forum.nda_template = NDA
    forum.save(update_fields=["nda_template"])
    owner = DelegateFactory(
        organisation=OrganisationFactory(forum=forum, name="Kyiv Optics"),
        user=UserFactory(email="owner@example.org", full_name="Olena Kovalenko"),
    )
    viewer = DelegateFactory(
        organisation=OrganisationFactory(forum=forum, name="Baltic Clearance", country="LT"),
        user=UserFactory(email="viewer@example.org", full_name="Rūta Kazlauskienė"),
    )
    offer = CooperationProfileFactory(organisation=owner.organisation, title="Thermal sight")
    annex = annex_create(
        offer=offer,
        editor=owner,
        title="Drawings",
        upload=SimpleUploadedFile("drawings.pdf", PDF, content_type="application/pdf"),
    )
    return owner, viewer, offer, annex


def _sign_in(context, url, email):
    page = context.new_page()
    page.goto(f"{url}/accounts/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{url}/")
    return page


def test_nda_accept_download_owner_sees_revoke_refused(
    live_server, new_context, offer_with_annex, screenshot
):
    owner, viewer, offer, annex = offer_with_annex
    url = live_server.url
    page = _sign_in(new_context(accept_downloads=True), url, viewer.user.email)
    page.goto(f"{url}/marketplace/organisations/{owner.organisation_id}/")
    annexes = page.locator(f'[data-annexes-of="{offer.pk}"]')
    expect(annexes).to_contain_text("Drawings")
    page.click("text=Read the NDA and open the annexes")
    expect(page.locator("#nda")).to_contain_text(NDA)
    expect(page.locator("a.annex-download")).to_have_count(0)
    expect(page.locator("#id_signer_name")).to_have_value("Rūta Kazlauskienė")
    page.check("#id_agree")
    screenshot(page, "nda-accept")
    page.click("#nda-accept")
    expect(page.locator("#nda-accepted")).to_contain_text("Rūta Kazlauskienė")
    with page.expect_download() as download_info:
        page.click("a.annex-download")
    download = download_info.value
    assert download.suggested_filename == "drawings.pdf"
    with open(download.path(), "rb") as saved:
        assert saved.read() == PDF

    owner_page = _sign_in(new_context(), url, owner.user.email)
    owner_page.goto(f"{url}/annexes/mine/offers/{offer.pk}/")
    downloads = owner_page.locator("#downloads tr.download")
    expect(downloads).to_have_count(1)
    expect(downloads.first).to_contain_text("Rūta Kazlauskienė")
    expect(downloads.first).to_contain_text("Baltic Clearance")
    screenshot(owner_page, "nda-owner-downloads")
    owner_page.click("button.nda-revoke")
    expect(owner_page.locator("#acceptances")).to_contain_text("revoked")
    assert NdaAcceptance.objects.get().revoked_at is not None

    response = page.request.get(f"{url}/annexes/{annex.pk}/download/")
    assert response.status == 403
    page.goto(f"{url}/annexes/offers/{offer.pk}/")
    expect(page.locator("#nda-revoked")).to_be_visible()
    expect(page.locator("a.annex-download")).to_have_count(0)
