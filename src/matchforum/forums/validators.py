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
