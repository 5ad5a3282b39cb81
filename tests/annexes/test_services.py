"""The NDA rules of annexes, one refusal per test (services and selectors)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from matchforum.annexes.models import NdaAcceptance, text_version
from matchforum.annexes.selectors import annex_may_open, annex_offer_visible, downloads_of
from matchforum.annexes.services import (
    annex_create,
    annex_open,
    nda_accept,
    nda_access_allow_again,
    nda_access_revoke,
    organisation_nda_set,
)
from matchforum.organisations.models import Accreditation
from tests.factories import DelegateFactory, OrganisationFactory

from .conftest import NDA, pdf


def accept(annexes, delegate=None, text=NDA):
    delegate = delegate or annexes["viewer"]
    return nda_accept(
        offer=annexes["offer"],
        delegate=delegate,
        signer_name="Rūta Kazlauskienė",
        signer_organisation=delegate.organisation.name,
        text_sha256=text_version(text),
    )


def test_acceptance_records_person_organisation_time_and_text_version(annexes):
    acceptance = accept(annexes)
    assert acceptance.signer_name == "Rūta Kazlauskienė"
    assert acceptance.signer_organisation == "Baltic Clearance"
    assert acceptance.accepted_by == annexes["viewer"].user
    assert acceptance.text == NDA
    assert acceptance.text_sha256 == text_version(NDA)
    assert acceptance.accepted_at is not None


def test_the_organisations_own_text_replaces_the_forum_template(annexes):
    organisation_nda_set(
        organisation=annexes["owner"].organisation, editor=annexes["owner"], text="Our own NDA."
    )
    with pytest.raises(ValidationError, match="changed"):
        accept(annexes, text=NDA)
    assert accept(annexes, text="Our own NDA.").text == "Our own NDA."


def test_a_changed_text_closes_the_annexes_until_accepted_again(annexes):
    accept(annexes)
    organisation_nda_set(
        organisation=annexes["owner"].organisation, editor=annexes["owner"], text="Version two."
    )
    assert not annex_may_open(delegate=annexes["viewer"], offer=annexes["offer"])
    with pytest.raises(PermissionDenied):
        annex_open(annex=annexes["annex"], delegate=annexes["viewer"])


def test_a_download_is_audited_and_listed_to_the_owner(annexes):
    accept(annexes)
    annex_open(annex=annexes["annex"], delegate=annexes["viewer"])
    [entry] = downloads_of(offer=annexes["offer"])
    assert entry.actor == annexes["viewer"].user
    assert entry.actor_organisation == annexes["viewer"].organisation
    assert entry.organisation == annexes["owner"].organisation


def test_opening_before_accepting_is_refused(annexes):
    with pytest.raises(PermissionDenied, match="Accept the NDA"):
        annex_open(annex=annexes["annex"], delegate=annexes["viewer"])
    assert not downloads_of(offer=annexes["offer"]).exists()


def test_revoked_access_refuses_downloads_and_new_acceptances(annexes):
    acceptance = accept(annexes)
    nda_access_revoke(acceptance=acceptance, editor=annexes["owner"])
    with pytest.raises(PermissionDenied, match="revoked"):
        annex_open(annex=annexes["annex"], delegate=annexes["viewer"])
    with pytest.raises(PermissionDenied, match="revoked"):
        accept(annexes)


def test_after_allowing_again_a_new_acceptance_opens_the_annexes(annexes):
    acceptance = accept(annexes)
    nda_access_revoke(acceptance=acceptance, editor=annexes["owner"])
    nda_access_allow_again(acceptance=acceptance, editor=annexes["owner"])
    assert not annex_may_open(delegate=annexes["viewer"], offer=annexes["offer"])
    accept(annexes)
    assert annex_may_open(delegate=annexes["viewer"], offer=annexes["offer"])
    assert NdaAcceptance.objects.filter(profile=annexes["offer"]).count() == 2


def test_only_the_owner_revokes(annexes):
    acceptance = accept(annexes)
    with pytest.raises(PermissionDenied):
        nda_access_revoke(acceptance=acceptance, editor=annexes["viewer"])


@pytest.mark.parametrize("side", ["viewer", "owner"])
def test_an_organisation_not_approved_cannot_accept_or_download(annexes, side):
    accept(annexes)
    organisation = annexes[side].organisation
    organisation.accreditation = Accreditation.NEEDS_INFORMATION
    organisation.save(update_fields=["accreditation"])
    with pytest.raises(PermissionDenied):
        annex_open(annex=annexes["annex"], delegate=annexes["viewer"])
    with pytest.raises(PermissionDenied):
        accept(annexes)


def test_a_delegate_of_another_forum_is_refused(annexes):
    from tests.factories import forum_build

    other = forum_build(name="Other", slug="other")
    stranger = DelegateFactory(organisation=OrganisationFactory(forum=other))
    with pytest.raises(PermissionDenied):
        accept(annexes, delegate=stranger)
    with pytest.raises(PermissionDenied):
        annex_open(annex=annexes["annex"], delegate=stranger)


def test_an_unlisted_offer_is_not_visible_and_cannot_be_accepted(annexes):
    annexes["offer"].is_active = False
    annexes["offer"].save(update_fields=["is_active"])
    assert not annex_offer_visible(annexes["viewer"].user, annexes["offer"])
    with pytest.raises(PermissionDenied):
        accept(annexes)


def test_a_file_of_the_wrong_type_is_refused_with_its_name(annexes):
    fake = SimpleUploadedFile("drawings.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError, match=r"drawings\.pdf is not an accepted file"):
        annex_create(offer=annexes["offer"], editor=annexes["owner"], title="Fake", upload=fake)


def test_a_file_over_the_limit_is_refused(annexes, settings):
    settings.MATCHFORUM_ANNEX_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="larger than"):
        annex_create(offer=annexes["offer"], editor=annexes["owner"], title="Big", upload=pdf())


def test_a_file_and_a_text_together_are_refused(annexes):
    with pytest.raises(ValidationError, match="one of the two"):
        annex_create(
            offer=annexes["offer"],
            editor=annexes["owner"],
            title="Both",
            upload=pdf(),
            text="Some text",
        )


def test_a_text_annex_counts_its_bytes(annexes):
    annex = annex_create(
        offer=annexes["offer"], editor=annexes["owner"], title="Spec", text="Ø 40 mm"
    )
    assert annex.size == len("Ø 40 mm".encode())


def test_files_are_stored_outside_the_public_media_folder(annexes):
    path = annexes["annex"].file.path
    assert path.startswith(str(annexes["tmp_path"] / "private"))
    with pytest.raises(ValueError, match="no URL"):
        _ = annexes["annex"].file.url
