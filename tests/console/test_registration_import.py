"""The console's registration import: upload, preview, confirm, template, permissions."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from matchforum.console.forms import REGISTRATION_UPLOAD_MAX_BYTES
from matchforum.organisations.models import Accreditation, Organisation
from matchforum.organisations.registration_import import (
    TEMPLATE_COLUMNS,
    parse_registrations,
    read_table,
    template_csv,
)
from tests.organisations.test_registration_import import BAD, _twenty_rows

pytestmark = pytest.mark.django_db

URL = "/console/import/"


def _upload(content: bytes, name: str = "list.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_the_preview_names_the_bad_rows_and_the_confirmation_imports_the_rest(
    client, forum, organiser, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    preview = client.post(URL, {"action": "preview", "file": _upload(_twenty_rows())})
    assert preview.status_code == 200
    report = preview.context["report"]
    assert report.dry_run
    assert {(e.row, e.column) for e in report.errors} == {(r, c) for r, (c, _v) in BAD.items()}
    for row, (column, _value) in BAD.items():
        assert f"<td>{row}</td><td>{column}</td>" in preview.content.decode()
    assert not Organisation.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(URL, {"action": "confirm"})
    assert done.status_code == 200 and not done.context["report"].dry_run
    assert Organisation.objects.filter(forum=forum).count() == 17
    assert set(Organisation.objects.values_list("accreditation", flat=True)) == {
        Accreditation.PENDING
    }
    assert len(mailoutbox) == 17

    # The same file again: the preview says nothing would be created.
    again = client.post(URL, {"action": "preview", "file": _upload(_twenty_rows())})
    assert again.context["report"].organisations_created == []
    client.post(URL, {"action": "confirm"})
    assert Organisation.objects.count() == 17


def test_a_confirmation_without_a_preview_imports_nothing(client, forum, organiser):
    client.force_login(organiser)
    response = client.post(URL, {"action": "confirm"})
    assert response.status_code == 200
    assert "upload the file again" in response.content.decode()
    assert not Organisation.objects.exists()


def test_a_file_over_the_size_limit_gets_a_clear_error(client, forum, organiser):
    client.force_login(organiser)
    big = _upload(b"x" * (REGISTRATION_UPLOAD_MAX_BYTES + 1), "list.csv")
    response = client.post(URL, {"action": "preview", "file": big})
    assert response.status_code == 200
    assert "larger than 5 MB" in response.content.decode()
    assert "report" not in response.context


def test_a_file_of_another_type_gets_a_clear_error(client, forum, organiser):
    client.force_login(organiser)
    response = client.post(URL, {"action": "preview", "file": _upload(b"%PDF", "list.pdf")})
    assert "Upload a .csv or .xlsx file." in response.content.decode()


@pytest.mark.parametrize("role", ["delegate", "vetting_officer"])
def test_only_organisers_reach_the_import(client, forum, make_delegate, vetting_officer, role):
    user = make_delegate().user if role == "delegate" else vetting_officer
    client.force_login(user)
    organisations = Organisation.objects.count()
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"action": "preview", "file": _upload(_twenty_rows())})
    assert response.status_code == 403
    assert client.get(reverse("console:registration_template", args=["csv"])).status_code == 403
    assert Organisation.objects.count() == organisations


def test_the_template_downloads_have_the_documented_columns_and_parse_cleanly(
    client, forum, organiser
):
    client.force_login(organiser)
    xlsx = client.get(reverse("console:registration_template", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in next(sheet.iter_rows())] == list(TEMPLATE_COLUMNS)
    csv_response = client.get(reverse("console:registration_template", args=["csv"]))
    assert csv_response.content == template_csv()
    parsed = parse_registrations(read_table(content=xlsx.content, filename="t.xlsx"))
    assert parsed.errors == []
    assert [len(o.delegates) for o in parsed.organisations] == [2]


def test_a_long_list_is_checked_and_imported_in_the_worker_with_progress(
    client,
    forum,
    organiser,
    monkeypatch,
    mailoutbox,
    immediate_tasks,
    django_capture_on_commit_callbacks,
):
    from matchforum.console.views import importing
    from matchforum.organisations.models import RegistrationImport, RegistrationImportState

    monkeypatch.setattr(importing, "INLINE_MAX_ROWS", 5)
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"action": "preview", "file": _upload(_twenty_rows())})
    check = RegistrationImport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/import/{check.pk}/")
    assert check.state == RegistrationImportState.DONE and check.dry_run
    assert (check.organisations_done, check.organisations_total) == (17, 17)
    assert not Organisation.objects.exists()

    live = client.get(f"/console/import/{check.pk}/?live=1")
    assert live["HX-Refresh"] == "true"
    page = client.get(response["Location"])
    assert sorted(page.context["report"].error_rows) == sorted(BAD)
    for row, (column, _value) in BAD.items():
        assert f"<td>{row}</td><td>{column}</td>" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/console/import/{check.pk}/confirm/")
    job = RegistrationImport.objects.exclude(pk=check.pk).get()
    assert confirmed["Location"].endswith(f"/import/{job.pk}/")
    assert job.state == RegistrationImportState.DONE and not job.dry_run
    assert Organisation.objects.filter(forum=forum).count() == 17
    assert len(mailoutbox) == 17
    done = client.get(confirmed["Location"])
    assert len(done.context["report"].organisations_created) == 17


def test_a_check_still_running_cannot_be_confirmed(client, forum, organiser):
    from matchforum.organisations.models import RegistrationImport

    check = RegistrationImport.objects.create(
        forum=forum, created_by=organiser, filename="list.xlsx", dry_run=True, table=[]
    )
    client.force_login(organiser)
    assert client.post(f"/console/import/{check.pk}/confirm/").status_code == 404
    assert RegistrationImport.objects.count() == 1
    live = client.get(f"/console/import/{check.pk}/?live=1")
    assert "hx-get" in live.content.decode() and "HX-Refresh" not in live
