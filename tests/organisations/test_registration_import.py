import io
import re

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from matchforum.accounts.models import User
from matchforum.marketplace.models import CooperationProfile
from matchforum.organisations.models import Accreditation, Delegate, Invitation, Organisation
from matchforum.organisations.registration_import import (
    TEMPLATE_COLUMNS,
    parse_registrations,
    read_table,
)
from matchforum.organisations.services import registrations_import
from tests.factories import DelegateFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# Data rows 4, 8 and 13 (file rows 5, 9 and 14) are bad, each in one column.
BAD = {5: ("country", "XX"), 9: ("delegate_email", "not-an-address"), 14: ("tracks", "lasers")}


def _row(number: int) -> dict[str, str]:
    return {
        "organisation_name": f"Works {number:02d}",
        "country": ["UA", "LT", "LV", "EE", "PL"][number % 5],
        "kind": "producer",
        "website": f"https://works{number}.example",
        "description": "Makes things.",
        "tracks": "demining;counter-uas" if number % 2 else "",
        "delegate_full_name": f"Person {number}",
        "delegate_email": f"person{number}@works{number}.example",
        "delegate_role": "CEO",
        "profile_language": "en",
        "offer_kind": "product",
        "offer_title": f"Offer of works {number}",
        "offer_description": "A product.",
        "need_kind": "",
        "need_title": f"Need of works {number}",
        "need_description": "Partners.",
    }


def _xlsx(rows: list[dict[str, str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(TEMPLATE_COLUMNS))
    for row in rows:
        sheet.append([row.get(column, "") for column in TEMPLATE_COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _twenty_rows() -> bytes:
    rows = []
    for number in range(2, 22):
        row = _row(number)
        if number in BAD:
            column, value = BAD[number]
            row[column] = value
        rows.append(row)
    return _xlsx(rows)


def _import(forum, content: bytes, *, dry_run: bool, filename: str = "list.xlsx", **kwargs):
    parsed = parse_registrations(read_table(content=content, filename=filename))
    return registrations_import(forum=forum, registrations=parsed, dry_run=dry_run, **kwargs)


def test_the_dry_run_names_every_bad_row_and_column_and_writes_nothing(forum):
    users = User.objects.count()
    report = _import(forum, _twenty_rows(), dry_run=True)
    assert {(error.row, error.column) for error in report.errors} == {
        (row, column) for row, (column, _value) in BAD.items()
    }
    assert len(report.organisations_created) == 17
    assert report.delegates_created == 17
    assert not Organisation.objects.exists()
    assert User.objects.count() == users
    assert not Invitation.objects.exists()


def test_the_import_creates_the_good_organisations_and_invites_their_delegates(
    forum, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = _import(forum, _twenty_rows(), dry_run=False)
    assert report.error_rows == sorted(BAD)
    organisations = Organisation.objects.filter(forum=forum)
    assert organisations.count() == 17
    assert not organisations.filter(name__in=[f"Works {n:02d}" for n in BAD]).exists()
    assert set(organisations.values_list("accreditation", flat=True)) == {Accreditation.PENDING}
    assert Delegate.objects.filter(organisation__forum=forum, is_contact=True).count() == 17
    assert CooperationProfile.objects.filter(organisation__forum=forum).count() == 34
    works_03 = organisations.get(name="Works 03")
    assert sorted(works_03.tracks.values_list("slug", flat=True)) == ["counter-uas", "demining"]
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        f"person{n}@works{n}.example" for n in range(2, 22) if n not in BAD
    )
    assert "The organisers of Test Forum registered you" in mailoutbox[0].body
    assert "set your password" in mailoutbox[0].body


def test_importing_the_same_file_again_creates_nothing(
    forum, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    content = _twenty_rows()
    with django_capture_on_commit_callbacks(execute=True):
        _import(forum, content, dry_run=False)
    counts = (
        Organisation.objects.count(),
        User.objects.count(),
        Delegate.objects.count(),
        CooperationProfile.objects.count(),
        Invitation.objects.count(),
        len(mailoutbox),
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = _import(forum, content, dry_run=False)
    assert report.organisations_created == [] and len(report.organisations_existing) == 17
    assert report.delegates_created == 0 and report.delegates_existing == 17
    assert report.profiles_created == 0 and report.profiles_existing == 34
    assert (
        Organisation.objects.count(),
        User.objects.count(),
        Delegate.objects.count(),
        CooperationProfile.objects.count(),
        Invitation.objects.count(),
        len(mailoutbox),
    ) == counts


def test_names_are_matched_whatever_their_case_and_spacing(forum):
    existing = OrganisationFactory(forum=forum, name="Baltic Drone Works")
    row = _row(2) | {"organisation_name": "  baltic   DRONE works "}
    report = _import(forum, _xlsx([row]), dry_run=False)
    assert report.organisations_existing == ["Baltic Drone Works"]
    assert Organisation.objects.get() == existing
    assert Delegate.objects.get().organisation == existing


def test_rows_of_one_organisation_make_one_organisation_with_several_delegates(forum):
    first = _row(2)
    second = _row(3) | {
        "organisation_name": "WORKS 02",
        "country": "",
        "kind": first["kind"],
        "website": "",
        "description": "",
        "tracks": "",
    }
    report = _import(forum, _xlsx([first, second]), dry_run=False)
    assert report.errors == []
    organisation = Organisation.objects.get()
    assert organisation.name == "Works 02"
    assert organisation.delegates.count() == 2
    assert organisation.delegates.filter(is_contact=True).count() == 1
    assert organisation.profiles.count() == 4


def test_a_later_row_that_contradicts_its_organisation_is_an_error(forum):
    second = _row(2) | {"delegate_email": "second@works2.example", "country": "FI"}
    report = _import(forum, _xlsx([_row(2), second]), dry_run=True)
    assert [(error.row, error.column) for error in report.errors] == [(3, "country")]


def test_over_long_values_are_errors_not_cut(forum):
    row = _row(2) | {"organisation_name": "W" * 201, "offer_title": "T" * 201}
    report = _import(forum, _xlsx([row]), dry_run=False)
    assert {error.column for error in report.errors} == {"organisation_name", "offer_title"}
    assert not Organisation.objects.exists()


def test_a_person_representing_another_organisation_is_refused(forum):
    delegate = DelegateFactory(organisation=OrganisationFactory(forum=forum, name="Other"))
    row = _row(2) | {"delegate_email": delegate.user.email.upper()}
    report = _import(forum, _xlsx([row]), dry_run=False)
    assert [(error.row, error.column) for error in report.errors] == [(2, "delegate_email")]
    assert "Other" in report.errors[0].message
    assert not Organisation.objects.filter(name="Works 02").exists()


def test_an_address_twice_in_the_file_for_two_organisations_is_an_error(forum):
    second = _row(3) | {"delegate_email": _row(2)["delegate_email"]}
    report = _import(forum, _xlsx([_row(2), second]), dry_run=True)
    assert [(error.row, error.column) for error in report.errors] == [(3, "delegate_email")]


def test_a_csv_with_bom_and_semicolons_is_read():
    header = ";".join(TEMPLATE_COLUMNS)
    line = ";".join(_row(2)[column] for column in TEMPLATE_COLUMNS)
    content = f"\ufeff{header}\r\n{line}\r\n".encode()
    table = read_table(content=content, filename="list.csv")
    assert table[0] == list(TEMPLATE_COLUMNS)
    parsed = parse_registrations(table)
    assert parsed.errors == []
    assert [organisation.name for organisation in parsed.organisations] == ["Works 02"]


def test_a_missing_column_is_reported_on_the_header_row():
    parsed = parse_registrations([["organisation_name", "country", "kind", "delegate_email"]])
    assert [(error.row, error.column) for error in parsed.errors] == [(1, "delegate_full_name")]


def test_approve_puts_new_organisations_past_vetting_on_record(forum, organiser):
    _import(forum, _xlsx([_row(2)]), dry_run=False, approve=True, actor=organiser)
    organisation = Organisation.objects.get()
    assert organisation.accreditation == Accreditation.APPROVED
    assert organisation.accreditation_history.get().reviewer == organiser


def test_the_invitation_link_sets_the_imported_delegates_password(
    client, forum, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _import(forum, _xlsx([_row(2)]), dry_run=False)
    link = re.search(r"https?://\S+", mailoutbox[0].body).group(0)
    page = client.get(link)
    assert page.status_code == 200 and b"password1" in page.content
    password = "plausible-cobalt-harbour-17"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            link,
            {
                "full_name": "Person Two",
                "role": "",
                "password1": password,
                "password2": password,
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="person2@works2.example")
    assert user.check_password(password)
    assert Delegate.objects.get(user=user).role == "CEO"
    assert Invitation.objects.get().accepted_at is not None


def test_the_command_dry_run_lists_the_errors_exits_non_zero_and_writes_nothing(
    forum, tmp_path, capsys
):
    path = tmp_path / "list.xlsx"
    path.write_bytes(_twenty_rows())
    with pytest.raises(SystemExit) as exit_:
        call_command("import_registrations", str(path), "--forum", forum.slug, "--dry-run")
    assert exit_.value.code == 1
    errors = capsys.readouterr().err
    for row, (column, _value) in BAD.items():
        assert f"row {row}, column {column}:" in errors
    assert not Organisation.objects.exists()


def test_the_command_imports_a_clean_file(forum, tmp_path, capsys):
    path = tmp_path / "list.xlsx"
    path.write_bytes(_xlsx([_row(2), _row(3)]))
    call_command("import_registrations", str(path), "--forum", forum.slug)
    assert "Organisations created: 2" in capsys.readouterr().out
    assert Organisation.objects.count() == 2


def test_an_imported_account_cannot_accept_a_second_organisations_invitation(forum):
    from django.core.exceptions import ValidationError

    from matchforum.organisations.services import invitation_accept, invitation_create

    _import(forum, _xlsx([_row(2)]), dry_run=False)
    inviter = DelegateFactory(organisation=OrganisationFactory(forum=forum, name="Other"))
    invitation = invitation_create(
        organisation=inviter.organisation, invited_by=inviter, email="person2@works2.example"
    )
    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, full_name="P", password="plausible-cobalt-17")
    assert Delegate.objects.filter(user__email="person2@works2.example").count() == 1


def test_a_background_job_on_an_unreadable_table_records_why_it_failed(forum, organiser):
    from matchforum.organisations.models import RegistrationImport, RegistrationImportState
    from matchforum.organisations.services import registration_import_run

    job = RegistrationImport.objects.create(
        forum=forum, created_by=organiser, filename="empty.csv", dry_run=False, table=[]
    )
    job = registration_import_run(job=job)
    job.refresh_from_db()
    assert job.state == RegistrationImportState.FAILED
    assert job.error == "The file is empty."
    assert job.finished_at is not None and job.report is None


def test_only_organisers_start_a_background_import(forum, vetting_officer):
    from django.core.exceptions import PermissionDenied

    from matchforum.organisations.services import registration_import_start

    with pytest.raises(PermissionDenied):
        registration_import_start(
            forum=forum, actor=vetting_officer, table=[], filename="x.csv", dry_run=True
        )


def test_rows_are_numbered_as_the_spreadsheet_shows_them_after_blank_rows():
    table = [[""], ["", ""], list(TEMPLATE_COLUMNS), [""]]
    bad = _row(2) | {"country": "XX"}
    table.append([bad[column] for column in TEMPLATE_COLUMNS])
    parsed = parse_registrations(table)
    assert [(error.row, error.column) for error in parsed.errors] == [(5, "country")]


def test_a_column_given_twice_is_reported_on_the_header_row():
    header = [*TEMPLATE_COLUMNS, "country"]
    parsed = parse_registrations([header])
    assert [(error.row, error.column) for error in parsed.errors] == [(1, "country")]


def test_a_re_run_invites_again_whoever_let_the_invitation_expire(
    forum, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    content = _xlsx([_row(2), _row(3)])
    with django_capture_on_commit_callbacks(execute=True):
        _import(forum, content, dry_run=False)
    Invitation.objects.filter(email="person2@works2.example").update(
        expires_at=timezone.now() - dt.timedelta(days=1)
    )
    assert _import(forum, content, dry_run=True).invitations == 1
    with django_capture_on_commit_callbacks(execute=True):
        report = _import(forum, content, dry_run=False)
    assert report.invitations == 1 and report.delegates_created == 0
    assert [mail.to for mail in mailoutbox[2:]] == [["person2@works2.example"]]
    assert Delegate.objects.count() == 2
    assert _import(forum, content, dry_run=False).invitations == 0
