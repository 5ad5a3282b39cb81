"""Validators of the forum's settings, shared by the model, its forms and the admin.

A setting that is saved must work: a time zone that zoneinfo cannot load, or a link
template that yields no link, would only fail later on another page.
"""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from django_countries import countries


@lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in _time_zones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone. Use a name such as Europe/Kyiv."),
            code="invalid_time_zone",
            params={"value": value},
        )


def validate_languages(value: object) -> None:
    known = {code for code, _name in settings.LANGUAGES}
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one language."), code="no_language")
    unknown = [code for code in value if code not in known]
    if unknown:
        raise ValidationError(
            _("Unknown language: %(codes)s."),
            code="invalid_language",
            params={"codes": ", ".join(map(str, unknown))},
        )


def validate_online_meeting_url_template(value: str) -> None:
    """An http(s) link once `{meeting}` is replaced by a room name."""
    try:
        URLValidator(schemes=["http", "https"])(value.replace("{meeting}", "1"))
    except ValidationError:
        raise ValidationError(
            _("Give a web address starting with https://, with {meeting} for the room name."),
            code="invalid_online_meeting_url_template",
        ) from None


def validate_countries(value: object) -> None:
    """A list of distinct ISO 3166-1 alpha-2 codes (the participating countries)."""
    if not isinstance(value, list):
        raise ValidationError(_("Give a list of country codes."), code="invalid_countries")
    unknown = [code for code in value if not isinstance(code, str) or code not in countries]
    if unknown:
        raise ValidationError(
            _("Unknown country code: %(codes)s."),
            code="invalid_country",
            params={"codes": ", ".join(str(code) for code in unknown)},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("A country is listed twice."), code="duplicate_country")
