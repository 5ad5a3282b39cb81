"""Reading and checking a registration list (CSV or XLSX) before anything is written.

A file holds one row per delegate: rows with the same organisation name (compared
case-insensitively, with runs of whitespace made one space) are one organisation with
several delegates, and each row may add one offer and one need. Every row is checked
as the sign-up form checks a registration; problems are collected with the row number
(the header is row 1) and the column, and nothing is cut to fit. The columns are
documented in docs/importing.md; `TEMPLATE_COLUMNS` is the one list of them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _

from matchforum.accounts.forms import SignUpForm
from matchforum.forums.models import CapabilityTrack
from matchforum.marketplace.forms import ProfileForm
from matchforum.marketplace.models import ProfileKind, Side

REQUIRED_COLUMNS = (
    "organisation_name",
    "country",
    "kind",
    "delegate_full_name",
    "delegate_email",
)
TEMPLATE_COLUMNS = (
    "organisation_name",
    "country",
    "kind",
    "website",
    "description",
    "tracks",
    "delegate_full_name",
    "delegate_email",
    "delegate_role",
    "profile_language",
    "offer_kind",
    "offer_title",
    "offer_description",
    "need_kind",
    "need_title",
    "need_description",
)
ORGANISATION_COLUMNS = ("country", "kind", "website", "description", "tracks")
DEFAULT_PROFILE_KIND = ProfileKind.PRODUCT
MAX_ROWS = 10_000

# Sign-up form field → import column: the row is checked by the sign-up form's own fields.
_SIGN_UP_FIELDS = {
    "organisation_name": "organisation_name",
    "country": "country",
    "kind": "kind",
    "website": "website",
    "description": "description",
    "full_name": "delegate_full_name",
    "role": "delegate_role",
    "email": "delegate_email",
}


_PROFILE_FIELDS = ("side", "kind", "title", "description", "language")


def _clean_with(
    fields: dict[str, forms.Field], data: dict[str, str]
) -> tuple[dict[str, object], dict[str, list[str]]]:
    """Clean `data` with the fields of a form, as the form's own validation would.

    The fields are the sign-up and offer forms' own, used directly: building a form per
    row would copy the country list twice per row, which dominates a 10,000-row import.
    """
    cleaned: dict[str, object] = {}
    errors: dict[str, list[str]] = {}
    for name, form_field in fields.items():
        try:
            cleaned[name] = form_field.clean(data.get(name, ""))
        except forms.ValidationError as error:
            errors[name] = [str(message) for message in error.messages]
    return cleaned, errors


def normalise_name(name: str) -> str:
    return " ".join(name.split())


def organisation_key(name: str) -> str:
    return normalise_name(name).casefold()


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ProfileRow:
    side: str
    kind: str
    title: str
    description: str
    language: str


@dataclass
class DelegateRow:
    row: int
    full_name: str
    email: str
    role: str


@dataclass
class OrganisationRows:
    """One organisation as the good rows of the file describe it."""

    name: str
    country: str
    kind: str
    website: str
    description: str
    track_slugs: list[str]
    first_row: int
    columns: dict[str, str] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)
    delegates: list[DelegateRow] = field(default_factory=list)
    profiles: list[tuple[int, ProfileRow]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return organisation_key(self.name)


@dataclass
class ParsedRegistrations:
    organisations: list[OrganisationRows]
    errors: list[RowError]
    row_count: int


class RegistrationFileError(ValueError):
    """The file cannot be read at all (not a table, no header, too many rows)."""


def read_table(*, content: bytes, filename: str) -> list[list[str]]:
    """The cells of the first sheet (XLSX) or of the CSV file, as text, header first."""
    if filename.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    if filename.lower().endswith(".csv"):
        return _read_csv(content)
    raise RegistrationFileError(_("Upload a .csv or .xlsx file."))


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RegistrationFileError(_("The CSV file is not UTF-8 text.")) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise RegistrationFileError(_("The file is not a readable XLSX workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [
            ["" if cell is None else _cell_text(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    # Spreadsheets store whole numbers typed into a text column as floats.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def data_row_count(table: list[list[str]]) -> int:
    """The rows below the header that hold anything."""
    filled = [row for row in table if any(str(cell).strip() for cell in row)]
    return max(len(filled) - 1, 0)


def parse_registrations(table: list[list[str]]) -> ParsedRegistrations:
    """Check every row of the table and group the good ones by organisation."""
    rows = list(table)
    header_number = 1
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
        header_number += 1
    if not rows:
        raise RegistrationFileError(_("The file is empty."))
    header = [cell.strip().lower().replace(" ", "_") for cell in rows[0]]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    unknown = [column for column in header if column and column not in TEMPLATE_COLUMNS]
    repeated = sorted({column for column in header if column and header.count(column) > 1})
    errors: list[RowError] = []
    for column in missing:
        errors.append(RowError(header_number, column, _("This column is missing.")))
    for column in unknown:
        errors.append(RowError(header_number, column, _("Unknown column; see the template.")))
    for column in repeated:
        errors.append(RowError(header_number, column, _("This column appears twice.")))
    if errors:
        return ParsedRegistrations([], errors, 0)
    data_rows = [
        (number, row)
        for number, row in enumerate(rows[1:], start=header_number + 1)
        if any(cell.strip() for cell in row)
    ]
    if len(data_rows) > MAX_ROWS:
        raise RegistrationFileError(
            _("The file has %(count)d rows; import at most %(limit)d at a time.")
            % {"count": len(data_rows), "limit": MAX_ROWS}
        )
    tracks = {track.slug: track for track in CapabilityTrack.objects.all()}
    organisations: dict[str, OrganisationRows] = {}
    email_owner: dict[str, tuple[str, int]] = {}
    for number, cells in data_rows:
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            errors.append(RowError(number, "", _("This row has more cells than the header.")))
            continue
        values = {column: (cells[i] if i < len(cells) else "") for i, column in enumerate(header)}
        values = {column: value for column, value in values.items() if column}
        row_errors = _check_row(number, values, tracks, organisations, email_owner)
        errors.extend(row_errors)
    return ParsedRegistrations(list(organisations.values()), errors, len(data_rows))


def _check_row(
    number: int,
    values: dict[str, str],
    tracks: dict[str, CapabilityTrack],
    organisations: dict[str, OrganisationRows],
    email_owner: dict[str, tuple[str, int]],
) -> list[RowError]:
    errors: list[RowError] = []
    earlier = organisations.get(organisation_key(values.get("organisation_name", "")))
    if earlier is not None:
        # A later row of an organisation may leave the organisation's columns blank.
        values = dict(values)
        for column, value in earlier.columns.items():
            if not values.get(column, "").strip():
                values[column] = value
    data, field_errors = _clean_with(
        {name: SignUpForm.base_fields[name] for name in _SIGN_UP_FIELDS},
        {name: values.get(column, "").strip() for name, column in _SIGN_UP_FIELDS.items()},
    )
    for name, messages in field_errors.items():
        errors.extend(RowError(number, _SIGN_UP_FIELDS[name], message) for message in messages)
    slugs = [slug.strip() for slug in values.get("tracks", "").split(";") if slug.strip()]
    unknown_slugs = [slug for slug in slugs if slug not in tracks]
    if unknown_slugs:
        errors.append(
            RowError(
                number,
                "tracks",
                _("Unknown track: %(slugs)s.") % {"slugs": ", ".join(unknown_slugs)},
            )
        )
    profiles, profile_errors = _check_profiles(number, values)
    errors.extend(profile_errors)
    if errors:
        return errors
    data["email"] = str(data["email"]).strip().lower()
    data["organisation_name"] = normalise_name(str(data["organisation_name"]))
    key = organisation_key(data["organisation_name"])
    owner = email_owner.get(data["email"])
    if owner is not None and owner[0] != key:
        return [
            RowError(
                number,
                "delegate_email",
                _("This address is a delegate of another organisation on row %(row)d.")
                % {"row": owner[1]},
            )
        ]
    organisation = organisations.get(key)
    if organisation is None:
        organisation = OrganisationRows(
            name=data["organisation_name"],
            country=str(data["country"]),
            kind=data["kind"],
            website=data["website"],
            description=data["description"],
            track_slugs=slugs,
            first_row=number,
            columns={column: values.get(column, "") for column in ORGANISATION_COLUMNS},
        )
        organisations[key] = organisation
    else:
        conflicts = _organisation_conflicts(number, organisation, data, slugs, values)
        if conflicts:
            return conflicts
    email_owner.setdefault(data["email"], (key, number))
    organisation.rows.append(number)
    if all(delegate.email != data["email"] for delegate in organisation.delegates):
        organisation.delegates.append(
            DelegateRow(
                row=number, full_name=data["full_name"], email=data["email"], role=data["role"]
            )
        )
    organisation.profiles.extend((number, profile) for profile in profiles)
    return []


def _organisation_conflicts(
    number: int,
    organisation: OrganisationRows,
    data: dict[str, object],
    slugs: list[str],
    values: dict[str, str],
) -> list[RowError]:
    """A later row of the same organisation may leave its columns blank, not contradict."""
    given = {
        "country": (str(data["country"]), organisation.country),
        "kind": (data["kind"], organisation.kind),
        "website": (data["website"], organisation.website),
        "description": (data["description"], organisation.description),
        "tracks": (sorted(slugs), sorted(organisation.track_slugs)),
    }
    errors = []
    for column, (value, first) in given.items():
        if values.get(column, "").strip() and value != first:
            errors.append(
                RowError(
                    number,
                    column,
                    _("Differs from row %(row)d of the same organisation.")
                    % {"row": organisation.first_row},
                )
            )
    return errors


def _check_profiles(number: int, values: dict[str, str]) -> tuple[list[ProfileRow], list[RowError]]:
    language = values.get("profile_language", "").strip().lower() or settings.LANGUAGE_CODE
    profiles: list[ProfileRow] = []
    errors: list[RowError] = []
    for side in (Side.OFFER, Side.NEED):
        prefix = str(side)
        title = values.get(f"{prefix}_title", "").strip()
        description = values.get(f"{prefix}_description", "").strip()
        kind = values.get(f"{prefix}_kind", "").strip().lower()
        if not (title or description or kind):
            continue
        cleaned, field_errors = _clean_with(
            {name: ProfileForm.base_fields[name] for name in _PROFILE_FIELDS},
            {
                "side": prefix,
                "kind": kind or DEFAULT_PROFILE_KIND,
                "title": title,
                "description": description,
                "language": language,
            },
        )
        if field_errors:
            for name, messages in field_errors.items():
                column = "profile_language" if name == "language" else f"{prefix}_{name}"
                errors.extend(RowError(number, column, message) for message in messages)
            continue
        profiles.append(
            ProfileRow(
                side=prefix,
                kind=cleaned["kind"],
                title=cleaned["title"],
                description=cleaned["description"],
                language=cleaned["language"],
            )
        )
    return profiles, errors


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do), and every problem found."""

    dry_run: bool
    row_count: int = 0
    organisations_created: list[str] = field(default_factory=list)
    organisations_existing: list[str] = field(default_factory=list)
    delegates_created: int = 0
    delegates_existing: int = 0
    profiles_created: int = 0
    profiles_existing: int = 0
    invitations: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def error_rows(self) -> list[int]:
        return sorted({error.row for error in self.errors})

    def sorted_errors(self) -> list[RowError]:
        return sorted(self.errors, key=lambda error: (error.row, error.column))


TEMPLATE_PATH = Path(__file__).parent / "data" / "registration_template.csv"


def template_csv() -> bytes:
    """The documented template: the header and two example rows of one organisation."""
    return TEMPLATE_PATH.read_bytes()


def template_xlsx() -> bytes:
    """The same template as an XLSX workbook."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "registrations"
    for row in _read_csv(template_csv()):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def report_to_json(report: ImportReport) -> dict[str, object]:
    return asdict(report)


def report_from_json(data: dict[str, object]) -> ImportReport:
    fields = dict(data)
    fields["errors"] = [RowError(**error) for error in fields.get("errors", [])]
    return ImportReport(**fields)
