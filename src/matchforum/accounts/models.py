"""People who sign in: delegates, vetting officers and organisers."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
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
        extra.setdefault("is_organiser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person; signs in with an e-mail address.

    Roles: an organiser runs forums (setup, scheduling, analytics); a vetting
    officer reviews organisations; anyone else is a delegate through their
    `Delegate` rows.
    """

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_organiser = models.BooleanField(_("organiser"), default=False)
    is_vetting_officer = models.BooleanField(_("vetting officer"), default=False)
    preferred_language = models.CharField(_("interface language"), max_length=8, blank=True)
    time_zone = models.CharField(_("own time zone"), max_length=64, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def can_vet(self) -> bool:
        return self.is_organiser or self.is_vetting_officer or self.is_superuser

    @property
    def can_organise(self) -> bool:
        return self.is_organiser or self.is_superuser
