"""One limit per user-editable text field, defined once: on the model field's `max_length`.

Forms (`text_limit`), API serializers (ModelSerializer derives `max_length`) and services
(`text_within`, `full_clean`) all read that one number, so a text over it is refused with
an error naming the limit on every channel and nothing is ever stored cut.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext as _


class BoundedTextField(models.TextField):
    """A TextField whose `max_length` the model enforces too.

    Django's TextField only passes `max_length` to its form field; `full_clean` ignores it.
    The database column stays `text`.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.max_length is None:
            raise TypeError("A BoundedTextField needs a max_length.")
        self.validators.append(MaxLengthValidator(self.max_length))


def text_limit(model: type[models.Model], field: str) -> int:
    """The number of characters `model.field` holds at most."""
    limit = model._meta.get_field(field).max_length
    if limit is None:
        raise LookupError(f"{model.__name__}.{field} has no length limit.")
    return limit


def text_within(value: str, *, model: type[models.Model], field: str, key: str = "") -> str:
    """The text as written (stripped), or an error on `key` (default: `field`) naming the limit."""
    text = (value or "").strip()
    limit = text_limit(model, field)
    if len(text) > limit:
        raise ValidationError(
            {
                key or field: _("At most %(limit)s characters, not %(count)s.")
                % {"limit": limit, "count": len(text)}
            }
        )
    return text
