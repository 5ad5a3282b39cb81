"""People who sign in: delegates, vetting officers and organisers."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person; signs in with an e-mail address.

    Roles come from the forum's joint organising committee (`CommitteeMembership`,
    forums/committee.py): an organiser of the chair team runs the forum (setup,
    scheduling, analytics); the members of a team vet and look after the organisations
    of their country; anyone else is a delegate through their `Delegate` rows.
    """

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(_("interface language"), max_length=8, blank=True)
    time_zone = models.CharField(_("own time zone"), max_length=64, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    # Derived from the committee memberships (read once per instance, i.e. per request):
    # which organisation a member may act on is forums/committee.py's question.
    @cached_property
    def _committee_roles(self) -> frozenset[tuple[bool, str]]:
        """(on the chair team, role) of each membership, in any forum."""
        if self.pk is None:
            return frozenset()
        return frozenset(
            (not country, role)
            for country, role in self.committee_memberships.values_list("team__country", "role")
        )

    @property
    def is_organiser(self) -> bool:
        """An organiser of some committee team (the chair's or a country's)."""
        return any(role == "organiser" for _chair, role in self._committee_roles)

    @property
    def is_vetting_officer(self) -> bool:
        return any(role == "vetting_officer" for _chair, role in self._committee_roles)

    @property
    def can_vet(self) -> bool:
        """Opens the committee's console pages: a member of any team."""
        return bool(self._committee_roles) or self.is_superuser

    @property
    def can_organise(self) -> bool:
        """Runs the forum: an organiser of the chair team."""
        return (True, "organiser") in self._committee_roles or self.is_superuser

    def committee_roles_known_empty(self) -> None:
        """Record that this user sits on no committee team, read with the user's own row
        (the API's token look-up asks it in the same query), so that no query follows."""
        self.__dict__["_committee_roles"] = frozenset()

    def committee_roles_changed(self) -> None:
        """Forget the roles read for this instance (after a membership changed)."""
        self.__dict__.pop("_committee_roles", None)
