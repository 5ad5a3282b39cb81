"""What organisations offer and need: their cooperation profiles."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from matchforum.core.text_limits import BoundedTextField
from matchforum.forums.models import CapabilityTrack
from matchforum.organisations.models import Organisation

MAX_COUNTRIES_OF_INTEREST = 60


def validate_country_codes(value: object) -> None:
    """A list of ISO 3166-1 alpha-2 codes of real countries (not e.g. the reserved ZZ)."""
    if not isinstance(value, list):
        raise ValidationError(_("Give a list of country codes."), code="not_a_list")
    if len(value) > MAX_COUNTRIES_OF_INTEREST:
        raise ValidationError(
            _("Choose at most %(limit)d countries."),
            code="too_many_countries",
            params={"limit": MAX_COUNTRIES_OF_INTEREST},
        )
    unknown = [str(code) for code in value if not isinstance(code, str) or code not in countries]
    if unknown:
        raise ValidationError(
            _("Unknown country code: %(codes)s."),
            code="unknown_country",
            params={"codes": ", ".join(unknown)},
        )


class Side(models.TextChoices):
    OFFER = "offer", _("Offer")
    NEED = "need", _("Need")


class ProfileKind(models.TextChoices):
    PRODUCT = "product", _("Product")
    SERVICE = "service", _("Service")
    TECHNOLOGY = "technology", _("Technology")
    INVESTMENT = "investment", _("Investment")
    TRAINING = "training", _("Training programme")
    RND = "rnd", _("R&D partnership")
    SUPPLY_CHAIN = "supply_chain", _("Supply-chain partnership")


class Classification(models.TextChoices):
    """How sensitive an offer or need is; the forum's rules say who may see and request it
    (marketplace/visibility.py)."""

    PUBLIC = "public", _("Public")
    DUAL_USE = "dual_use", _("Dual-use")
    CONTROLLED = "controlled", _("Controlled")


class InvestmentStage(models.TextChoices):
    PRE_SEED = "pre_seed", _("Pre-seed")
    SEED = "seed", _("Seed")
    SERIES_A = "series_a", _("Series A")
    GROWTH = "growth", _("Growth")
    PROJECT = "project", _("Project finance")


#: What an organisation edits on a profile, in the order the form and the API show it.
#: The services set `tracks` (many-to-many) apart from the others.
PROFILE_FIELDS = (
    "side",
    "kind",
    "title",
    "description",
    "language",
    "tracks",
    "trl",
    "ticket_min_eur",
    "ticket_max_eur",
    "stage",
    "countries_of_interest",
    "classification",
    "is_active",
)


class CooperationProfile(models.Model):
    """An offer or a need of an organisation, in the language it was written in."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="profiles"
    )
    side = models.CharField(_("offer or need"), max_length=8, choices=Side.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=ProfileKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = BoundedTextField(_("description"), max_length=5000)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    tracks = models.ManyToManyField(
        CapabilityTrack, related_name="profiles", blank=True, verbose_name=_("tracks")
    )
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    ticket_min_eur = models.PositiveBigIntegerField(_("ticket from (EUR)"), null=True, blank=True)
    ticket_max_eur = models.PositiveBigIntegerField(_("ticket up to (EUR)"), null=True, blank=True)
    stage = models.CharField(
        _("investment stage"), max_length=16, choices=InvestmentStage.choices, blank=True
    )
    countries_of_interest = models.JSONField(
        _("countries of interest"), default=list, blank=True, validators=[validate_country_codes]
    )
    classification = models.CharField(
        _("classification"),
        max_length=16,
        choices=Classification.choices,
        default=Classification.PUBLIC,
        help_text=_("Who may see it and request a meeting about it follows the forum's rules."),
    )
    # Set when the committee reviewed the classification (profile_review_classification).
    classification_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("classification reviewed by"),
    )
    classification_reviewed_at = models.DateTimeField(
        _("classification reviewed at"), null=True, blank=True
    )
    is_active = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name", "side", "title"]
        indexes = [models.Index(fields=["side", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(trl__isnull=True) | (Q(trl__gte=1) & Q(trl__lte=9)),
                name="profile_trl_range",
            ),
            models.CheckConstraint(
                condition=Q(ticket_min_eur__isnull=True)
                | Q(ticket_max_eur__isnull=True)
                | Q(ticket_max_eur__gte=F("ticket_min_eur")),
                name="profile_ticket_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()}: {self.title}"

    @property
    def countries_of_interest_names(self) -> list[str]:
        """The countries of interest by name, in the reader's language."""
        return [countries.name(code) or code for code in self.countries_of_interest]
