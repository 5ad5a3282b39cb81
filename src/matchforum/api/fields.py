"""Serializer fields of the API that are cheaper than the libraries' own."""

from __future__ import annotations

from django.utils.translation import get_language
from django_countries import countries
from django_countries.serializer_fields import CountryField
from rest_framework.fields import ChoiceField, flatten_choices_dict, to_choices_dict

# Per language: (grouped choices, flat choices, string → value), as ChoiceField builds them.
_COUNTRY_CHOICES: dict[str, tuple[dict, dict, dict]] = {}


class CountryCodeField(CountryField):
    """django-countries' field (the same output and the same schema: the enum of codes),
    whose choices are built once per language instead of on each serializer instance.

    DRF copies every declared field each time a serializer is made (for each nested
    counterpart of a page, too), and the library's field then translates and sorts the
    ~250 country names again. The list depends only on the active language (and the
    COUNTRIES_* settings, fixed for a process), so it is built once for each.
    """

    def _set_choices(self, choices) -> None:
        if choices is not countries:
            ChoiceField._set_choices(self, choices)
            return
        language = get_language() or ""
        built = _COUNTRY_CHOICES.get(language)
        if built is None:
            grouped = to_choices_dict(choices)
            flat = flatten_choices_dict(grouped)
            built = (grouped, flat, {str(key): key for key in flat})
            _COUNTRY_CHOICES[language] = built
        self.grouped_choices, self._choices, self.choice_strings_to_values = built

    choices = property(ChoiceField._get_choices, _set_choices)
