"""A forum and its timetable frame: days, sessions, slots, tables; the track taxonomy."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from matchforum.core.text_limits import BoundedTextField

from .validators import (
    validate_countries,
    validate_languages,
    validate_online_meeting_url_template,
    validate_time_zone,
)

LANGUAGE_CHOICES = settings.LANGUAGES


def default_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class CapabilityTrack(models.Model):
    """A capability area of the taxonomy; a coalition when it has a lead country."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = BoundedTextField(_("description"), max_length=5000, blank=True)
    is_coalition = models.BooleanField(_("capability coalition"), default=False)
    lead_country = CountryField(_("lead country"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.display_name

    # The seeded names are English msgids (see taxonomy.py and ADR 0005): shown in the
    # active language when the catalogue has them, as written when an organiser renamed them.
    @property
    def display_name(self) -> str:
        return pgettext("capability track", self.name) if self.name else ""

    @property
    def display_description(self) -> str:
        return gettext(self.description) if self.description else ""


class Forum(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Kyiv", validators=[validate_time_zone]
    )
    languages = models.JSONField(
        _("languages"), default=default_languages, validators=[validate_languages]
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    description = BoundedTextField(_("description"), max_length=5000, blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    request_deadline = models.DateTimeField(_("meeting request deadline"), null=True, blank=True)
    schedule_publication_at = models.DateTimeField(_("schedule publication"), null=True, blank=True)
    max_requests_per_delegate = models.PositiveSmallIntegerField(
        _("meeting requests a delegate may send"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    max_meetings_per_delegate = models.PositiveSmallIntegerField(
        _("meetings a delegate may have"),
        default=16,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    request_expiry_hours = models.PositiveSmallIntegerField(
        _("hours before an unanswered request expires"),
        default=72,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 365)],
    )
    online_capacity_per_slot = models.PositiveSmallIntegerField(
        _("online meetings per slot"), default=0, validators=[MaxValueValidator(1000)]
    )
    live_booking = models.BooleanField(
        _("accepting a request books a time at once"),
        default=False,
        help_text=_(
            "The delegate who accepts a request picks one of the free times (both delegates "
            "free, a table or an online room free); otherwise the organisers schedule it."
        ),
    )
    online_meeting_url_template = models.CharField(
        _("online meeting link template"),
        max_length=300,
        blank=True,
        help_text=_(
            "Used when no video system is set below. {meeting} becomes the meeting's "
            "unguessable room name."
        ),
        validators=[validate_online_meeting_url_template],
    )
    participating_countries = models.JSONField(
        _("participating countries"),
        default=list,
        blank=True,
        help_text=_("ISO codes of the countries that have a co-organiser team."),
        validators=[validate_countries],
    )
    # Who may see and request offers and needs, per classification; empty entries take the
    # defaults (marketplace/visibility.py checks and reads them).
    classification_rules = models.JSONField(_("classification rules"), default=dict, blank=True)
    video_url = models.CharField(
        _("Jitsi Meet address"),
        max_length=200,
        blank=True,
        help_text=_("The video system the organisers run, e.g. https://meet.example.org"),
        validators=[URLValidator(schemes=["https"], message=_("Give an https:// address."))],
    )
    video_app_id = models.CharField(_("Jitsi Meet app id"), max_length=100, blank=True)
    # Signs room tokens; never shown back in full (see console/forms.py).
    video_secret = models.CharField(_("Jitsi Meet app secret"), max_length=200, blank=True)
    nda_template = BoundedTextField(
        _("NDA template for technical annexes"),
        max_length=20000,
        blank=True,
        help_text=_(
            "Shown to a delegate before they open an organisation's technical annexes, "
            "unless that organisation set its own text."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="forum_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first.")})
        if bool(self.video_app_id) != bool(self.video_secret):
            raise ValidationError(
                {"video_secret": _("Room tokens need both the app id and the app secret.")}
            )
        if self.video_secret and not self.video_url:
            raise ValidationError({"video_url": _("Give the Jitsi Meet address too.")})


class ForumDay(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["forum", "date"], name="forumday_unique")]

    def __str__(self) -> str:
        return self.date.isoformat()


class Session(models.Model):
    """A block of consecutive meeting slots on one day (e.g. a morning)."""

    class Part(models.TextChoices):
        MORNING = "morning", _("Morning")
        AFTERNOON = "afternoon", _("Afternoon")
        EVENING = "evening", _("Evening")

    day = models.ForeignKey(ForumDay, on_delete=models.CASCADE, related_name="sessions")
    part = models.CharField(_("part of day"), max_length=16, choices=Part.choices)
    name = models.CharField(_("name"), max_length=100, blank=True)
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=30, validators=[MinValueValidator(5)]
    )
    pause_minutes = models.PositiveSmallIntegerField(_("pause between slots (minutes)"), default=0)

    class Meta:
        ordering = ["day__date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(slot_minutes__gte=5), name="session_slot_min_5"),
            models.UniqueConstraint(fields=["day", "part"], name="session_unique_part"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.get_part_display()}"


class Slot(models.Model):
    """A meeting slot, derived from its session by `session_generate_slots`."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="slots")
    index = models.PositiveSmallIntegerField(_("position in session"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "index"], name="slot_unique_index"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="slot_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class Table(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MaxValueValidator(9999)])
    area = models.CharField(_("area"), max_length=100, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "number"], name="table_unique_number")
        ]

    def __str__(self) -> str:
        return f"Table {self.number}"


class CommitteeRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    VETTING_OFFICER = "vetting_officer", _("Vetting officer")


class CommitteeTeam(models.Model):
    """One team of the forum's joint organising committee: the chair (no country) or the
    co-organiser team of one participating country. Who may do what is forums/committee.py."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="committee_teams")
    country = CountryField(_("country"), blank=True)

    class Meta:
        ordering = ["forum", "country"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "country"], name="committeeteam_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_chair(self) -> bool:
        return not self.country

    @property
    def display_name(self) -> str:
        if self.is_chair:
            return gettext("Chair")
        return gettext("%(country)s team") % {"country": self.country.name}


class CommitteeMembership(models.Model):
    """A person's role in one committee team (a person may hold both roles)."""

    team = models.ForeignKey(CommitteeTeam, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="committee_memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=CommitteeRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["team", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "user", "role"], name="committeemembership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.team}, {self.get_role_display()})"
