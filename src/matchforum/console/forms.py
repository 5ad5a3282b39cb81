"""Forms of the organiser console."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from matchforum.core.text_limits import text_limit
from matchforum.forums.models import CommitteeRole, CommitteeTeam, Forum, Session, Table
from matchforum.marketplace.models import Classification
from matchforum.marketplace.visibility import ANY_COUNTRY, PARTICIPATING, REQUEST, SEE, Rules
from matchforum.meetings.models import MeetingStatus
from matchforum.organisations.models import (
    Accreditation,
    AccreditationLevel,
    Organisation,
    OrganisationKind,
)

from .pickers import DELEGATE, ORGANISATION
from .widgets import DateInput, DateTimeInput, SearchPicker, TimeInput


class ForumSetupForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Forum
        fields = [
            "name",
            "starts_on",
            "ends_on",
            "time_zone",
            "venue",
            "languages",
            "registration_deadline",
            "request_deadline",
            "schedule_publication_at",
            "max_requests_per_delegate",
            "max_meetings_per_delegate",
            "request_expiry_hours",
            "live_booking",
            "online_capacity_per_slot",
            "online_meeting_url_template",
            "video_url",
            "video_app_id",
            "video_secret",
            "nda_template",
        ]
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "registration_deadline": DateTimeInput,
            "request_deadline": DateTimeInput,
            "schedule_publication_at": DateTimeInput,
        }

    # Every rule of a setting lives on the model (forums/validators.py, Forum.clean), so the
    # admin and any other form refuse the same values.

    video_secret = forms.CharField(
        label=_("Jitsi Meet app secret"),
        required=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False),
    )
    video_secret_clear = forms.BooleanField(label=_("Remove the saved secret"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        saved = self.instance.video_secret if self.instance else ""
        # The secret is never shown back: only that one is saved, and its last characters.
        self.fields["video_secret"].help_text = (
            _("Saved (ends in …%(tail)s). Leave empty to keep it.") % {"tail": saved[-4:]}
            if saved
            else _("Signs the room tokens; never shown back once saved.")
        )

    def clean_video_secret(self) -> str:
        typed = self.cleaned_data.get("video_secret", "")
        if self.data.get("video_secret_clear"):
            return ""
        return typed or (self.instance.video_secret if self.instance else "")


class SessionForm(forms.ModelForm):
    date = forms.DateField(label=_("Day"), widget=DateInput)

    class Meta:
        model = Session
        fields = ["part", "name", "start_time", "end_time", "slot_minutes", "pause_minutes"]
        widgets = {"start_time": TimeInput, "end_time": TimeInput}

    def clean(self):
        data = super().clean()
        if (
            data.get("start_time")
            and data.get("end_time")
            and data["end_time"] <= data["start_time"]
        ):
            self.add_error("end_time", _("A session ends after it starts."))
        return data


class TablesForm(forms.Form):
    count = forms.IntegerField(label=_("Tables in use"), min_value=0, max_value=2000)
    area = forms.CharField(
        label=_("Area of new tables"), max_length=text_limit(Table, "area"), initial="Hall A"
    )


class TablesBulkForm(forms.Form):
    """The tables page in one form: each table's area and use, add tables, change a range."""

    add = forms.IntegerField(label=_("Add tables"), min_value=0, max_value=1000, initial=0)
    add_area = forms.CharField(label=_("Area of the added tables"), required=False)
    range_first = forms.IntegerField(label=_("From table"), min_value=1, required=False)
    range_last = forms.IntegerField(label=_("To table"), min_value=1, required=False)
    range_area = forms.CharField(label=_("New area of the range"), required=False)
    range_active = forms.ChoiceField(
        label=_("Use of the range"),
        required=False,
        choices=[("", _("unchanged")), ("on", _("in use")), ("off", _("not in use"))],
    )

    def __init__(self, *args, tables=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.tables = list(tables)
        for table in self.tables:
            self.fields[f"area_{table.pk}"] = forms.CharField(
                label=_("Area"), required=False, initial=table.area
            )
            self.fields[f"active_{table.pk}"] = forms.BooleanField(
                label=_("In use"), required=False, initial=table.is_active
            )

    def rows(self):
        """(table, area field, in-use field) for the template, in table order."""
        return [(t, self[f"area_{t.pk}"], self[f"active_{t.pk}"]) for t in self.tables]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Accreditation.APPROVED, _("Approve")),
            (Accreditation.NEEDS_INFORMATION, _("Ask for information")),
            (Accreditation.REJECTED, _("Reject")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason the organisation sees"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=text_limit(Organisation, "accreditation_reason"),
        help_text=_("Required when rejecting or asking for information."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("decision") != Accreditation.APPROVED
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Give the organisation a reason."))
        return data


class RunForm(forms.Form):
    fairness = forms.IntegerField(
        label=_("Fairness d (most minus fewest idle gaps of any delegate)"),
        min_value=0,
        max_value=20,
        required=False,
    )
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"), min_value=1, max_value=600, initial=20
    )
    keep_published = forms.BooleanField(label=_("Keep published meetings in place"), required=False)


class WalkInForm(forms.Form):
    delegate_a = forms.ModelChoiceField(
        label=_("First delegate"),
        queryset=None,
        widget=SearchPicker(search_url=reverse_lazy("console:delegate_search"), kind=DELEGATE),
    )
    delegate_b = forms.ModelChoiceField(
        label=_("Second delegate"),
        queryset=None,
        widget=SearchPicker(search_url=reverse_lazy("console:delegate_search"), kind=DELEGATE),
    )
    place = forms.ChoiceField(label=_("Free slot and table"), required=False)

    def __init__(self, *args, delegates=None, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegate_a"].queryset = delegates
        self.fields["delegate_b"].queryset = delegates
        self.fields["place"].choices = [("", _("Leave for the scheduler")), *list(places)]

    def clean(self):
        data = super().clean()
        a, b = data.get("delegate_a"), data.get("delegate_b")
        if a and b and a.organisation_id == b.organisation_id:
            self.add_error("delegate_b", _("Choose a delegate of another organisation."))
        return data


def organisation_picker(*, label: str, required: bool = True) -> forms.ModelChoiceField:
    """A field choosing one organisation with the type-ahead picker; its form sets the
    queryset to the caller's scope (the search shows the same scope)."""
    return forms.ModelChoiceField(
        label=label,
        queryset=Organisation.objects.none(),
        required=required,
        widget=SearchPicker(
            search_url=reverse_lazy("console:organisation_search"), kind=ORGANISATION
        ),
    )


class MeetingFilterForm(forms.Form):
    """The meetings list's filters: one organisation (either side) and a status."""

    organisation = organisation_picker(label=_("Organisation"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all")), *MeetingStatus.choices],
    )

    def __init__(self, *args, organisations: QuerySet[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ExportFilterForm(forms.Form):
    """An export narrowed to one organisation of the caller's export scope."""

    organisation = organisation_picker(label=_("Organisation"))

    def __init__(self, *args, organisations: QuerySet[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class OrganisationFindForm(forms.Form):
    """The vetting queue's way to an organisation's page, found by name."""

    organisation = organisation_picker(label=_("Find an organisation"))

    def __init__(self, *args, organisations: QuerySet[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


REGISTRATION_UPLOAD_MAX_BYTES = 5 * 1024 * 1024


class RegistrationImportForm(forms.Form):
    file = forms.FileField(
        label=_("Registration list"),
        help_text=_("A .csv or .xlsx file with the template's columns, at most 5 MB."),
    )
    approve = forms.BooleanField(
        label=_("Approve the new organisations (skip the vetting queue)"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > REGISTRATION_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d MB; split it or use the command line.")
                % {"limit": REGISTRATION_UPLOAD_MAX_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class MoveTeamForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=CommitteeTeam.objects.none(),
        required=False,
        empty_label=_("The team of its country"),
    )
    reason = forms.CharField(
        label=_("Why it moves"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def __init__(self, *args: object, forum: Forum, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = CommitteeTeam.objects.filter(forum=forum)


class ParticipatingCountriesForm(forms.Form):
    countries = forms.CharField(
        label=_("Participating countries"),
        required=False,
        max_length=500,
        help_text=_("ISO codes separated by commas, e.g. UA, LT, LV, EE, PL."),
    )

    def country_codes(self) -> list[str]:
        return [code for code in self.cleaned_data["countries"].replace(" ", "").split(",") if code]


class CommitteeMemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the account"))
    team = forms.ModelChoiceField(label=_("Team"), queryset=CommitteeTeam.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=CommitteeRole.choices)

    def __init__(self, *args: object, forum: Forum, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = CommitteeTeam.objects.filter(forum=forum)


#: The level form shares the vetting page with the decision form, which also has a reason:
#: a prefix keeps their fields' names and ids apart.
LEVEL_FORM_PREFIX = "level"


class AccreditationLevelForm(forms.Form):
    level = forms.ChoiceField(label=_("Accreditation level"), choices=AccreditationLevel.choices)
    reason = forms.CharField(
        label=_("Why"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=text_limit(Organisation, "accreditation_reason"),
    )


class ClassificationReviewForm(forms.Form):
    classification = forms.ChoiceField(label=_("Classification"), choices=Classification.choices)
    reason = forms.CharField(label=_("Why"), required=False, max_length=2000)


_COUNTRY_SCOPES = [
    (ANY_COUNTRY, _("Any country")),
    (PARTICIPATING, _("The forum's participating countries")),
    ("listed", _("Only the countries listed")),
]
_ACTION_LABELS = {SEE: _("may see it"), REQUEST: _("may request a meeting about it")}


class ClassificationRulesForm(forms.Form):
    """Per classification and action: which organisations are admitted. The rules are
    checked whole by the service (marketplace/visibility.py)."""

    def __init__(self, *args: object, rules: Rules, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Classification.choices)
        self.groups: list[tuple[str, list[str]]] = []
        for (classification, action), condition in rules.items():
            prefix = f"{classification}__{action}"
            listed = not isinstance(condition.countries, str)
            title = _("%(classification)s: who %(action)s") % {
                "classification": labels[classification],
                "action": _ACTION_LABELS[action],
            }
            self.fields[f"{prefix}__scope"] = forms.ChoiceField(
                label=_("Countries"),
                choices=_COUNTRY_SCOPES,
                initial="listed" if listed else condition.countries,
            )
            self.fields[f"{prefix}__countries"] = forms.CharField(
                label=_("Countries listed"),
                required=False,
                max_length=500,
                initial=", ".join(condition.countries) if listed else "",
                help_text=_("ISO codes separated by commas, e.g. UA, LT, LV, EE, PL."),
            )
            self.fields[f"{prefix}__kinds"] = forms.MultipleChoiceField(
                label=_("Kinds of organisation (none ticked: any kind)"),
                choices=OrganisationKind.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=list(condition.kinds),
            )
            self.fields[f"{prefix}__level"] = forms.ChoiceField(
                label=_("Lowest accreditation level"),
                choices=AccreditationLevel.choices,
                initial=condition.level,
            )
            names = [f"{prefix}__{part}" for part in ("scope", "countries", "kinds", "level")]
            self.groups.append((str(title), names))

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.groups]

    def rules_data(self) -> dict[str, dict[str, dict[str, object]]]:
        """The submitted rules in their stored form (the service checks them)."""
        data: dict[str, dict[str, dict[str, object]]] = {}
        for name in {key.rsplit("__", 1)[0] for key in self.fields}:
            classification, action = name.split("__")
            scope = self.cleaned_data[f"{name}__scope"]
            codes = self.cleaned_data[f"{name}__countries"].replace(" ", "").upper().split(",")
            data.setdefault(classification, {})[action] = {
                "countries": [code for code in codes if code] if scope == "listed" else scope,
                "kinds": list(self.cleaned_data[f"{name}__kinds"]),
                "level": self.cleaned_data[f"{name}__level"],
            }
        return data
