"""The annex pages and the download view: every refusal on the server."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from matchforum.annexes.models import NdaAcceptance, text_version
from matchforum.annexes.services import nda_access_revoke
from matchforum.audit.models import AuditEntry
from matchforum.organisations.models import Accreditation
from tests.factories import DelegateFactory, OrganisationFactory, forum_build

from .conftest import NDA, PDF


def download_url(annexes) -> str:
    return reverse("annexes:download", args=[annexes["annex"].pk])


def accept_on_the_web(client, annexes):
    return client.post(
        reverse("annexes:offer", args=[annexes["offer"].pk]),
        {
            "signer_name": "Rūta Kazlauskienė",
            "signer_organisation": "Baltic Clearance",
            "agree": "on",
            "text_sha256": text_version(NDA),
        },
    )


def test_the_organisation_page_shows_that_an_annex_exists_not_its_content(client, annexes):
    client.force_login(annexes["viewer"].user)
    page = client.get(reverse("marketplace:organisation", args=[annexes["owner"].organisation_id]))
    assert page.status_code == 200
    assert "Drawings" in page.content.decode()
    assert reverse("annexes:offer", args=[annexes["offer"].pk]) in page.content.decode()
    assert download_url(annexes) not in page.content.decode()


def test_the_nda_page_shows_the_text_and_no_download_link(client, annexes):
    client.force_login(annexes["viewer"].user)
    page = client.get(reverse("annexes:offer", args=[annexes["offer"].pk]))
    assert NDA in page.content.decode()
    assert download_url(annexes) not in page.content.decode()


def test_accept_then_download_the_file(client, annexes):
    client.force_login(annexes["viewer"].user)
    assert accept_on_the_web(client, annexes).status_code == 302
    response = client.get(download_url(annexes))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith('attachment; filename="drawings.pdf"')
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ANNEX_DOWNLOADED).count() == 1


def test_accepting_without_ticking_the_box_records_nothing(client, annexes):
    client.force_login(annexes["viewer"].user)
    response = client.post(
        reverse("annexes:offer", args=[annexes["offer"].pk]),
        {"signer_name": "Rūta", "signer_organisation": "Baltic", "text_sha256": text_version(NDA)},
    )
    assert response.status_code == 200
    assert not NdaAcceptance.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, annexes):
    response = client.get(download_url(annexes))
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


def test_a_download_before_accepting_is_refused(client, annexes):
    client.force_login(annexes["viewer"].user)
    assert client.get(download_url(annexes)).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ANNEX_DOWNLOADED).exists()


def test_a_download_after_revocation_is_refused(client, annexes):
    client.force_login(annexes["viewer"].user)
    accept_on_the_web(client, annexes)
    acceptance = NdaAcceptance.objects.get()
    nda_access_revoke(acceptance=acceptance, editor=annexes["owner"])
    assert client.get(download_url(annexes)).status_code == 403
    assert accept_on_the_web(client, annexes).status_code == 403


def test_a_delegate_of_an_organisation_not_approved_is_refused(client, annexes):
    client.force_login(annexes["viewer"].user)
    accept_on_the_web(client, annexes)
    organisation = annexes["viewer"].organisation
    organisation.accreditation = Accreditation.NEEDS_INFORMATION
    organisation.save(update_fields=["accreditation"])
    assert client.get(download_url(annexes)).status_code == 403
    assert client.get(reverse("annexes:offer", args=[annexes["offer"].pk])).status_code == 404


def test_a_delegate_of_another_forum_gets_not_found(client, annexes):
    newer = forum_build(name="Next", slug="next", days=[dt.date(2028, 3, 14)])
    stranger = DelegateFactory(organisation=OrganisationFactory(forum=newer))
    client.force_login(stranger.user)
    assert client.get(download_url(annexes)).status_code == 404
    assert client.get(reverse("annexes:offer", args=[annexes["offer"].pk])).status_code == 404


def test_guessing_the_file_path_under_media_finds_nothing(client, annexes):
    client.force_login(annexes["viewer"].user)
    accept_on_the_web(client, annexes)
    name = annexes["annex"].file.name
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get(f"/private/{name}").status_code == 404


def test_only_the_owner_sees_who_downloaded_and_revokes(client, annexes):
    client.force_login(annexes["viewer"].user)
    accept_on_the_web(client, annexes)
    client.get(download_url(annexes))
    acceptance = NdaAcceptance.objects.get()
    assert client.get(reverse("annexes:mine_offer", args=[annexes["offer"].pk])).status_code == 404
    assert client.post(reverse("annexes:revoke", args=[acceptance.pk])).status_code == 404
    client.force_login(annexes["owner"].user)
    page = client.get(reverse("annexes:mine_offer", args=[annexes["offer"].pk])).content.decode()
    assert "Baltic Clearance" in page and annexes["viewer"].user.full_name in page
    assert client.post(reverse("annexes:revoke", args=[acceptance.pk])).status_code == 302
    acceptance.refresh_from_db()
    assert acceptance.revoked_at is not None


def test_the_owner_attaches_a_text_annex_on_the_web(client, annexes):
    client.force_login(annexes["owner"].user)
    response = client.post(
        reverse("annexes:mine_offer", args=[annexes["offer"].pk]),
        {"title": "Test report", "text": "Range 2.4 km at night."},
    )
    assert response.status_code == 302
    assert annexes["offer"].annexes.filter(title="Test report", size=22).exists()
