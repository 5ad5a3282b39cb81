"""The country field builds its choices once per language, and they are exactly the
library field's: the same codes, names and order in each language, the same output."""

from __future__ import annotations

from django.utils import translation
from django_countries.serializer_fields import CountryField

from matchforum.api.fields import CountryCodeField


def test_the_choices_are_the_librarys_in_each_language_and_follow_the_language():
    seen = {}
    for language in ["en", "uk", "pl", "en"]:
        with translation.override(language):
            ours, theirs = CountryCodeField(read_only=True), CountryField(read_only=True)
            assert list(ours.choices.items()) == list(theirs.choices.items())
            assert ours.choice_strings_to_values == theirs.choice_strings_to_values
            assert ours.to_representation("UA") == theirs.to_representation("UA") == "UA"
            assert ours.to_representation("") == theirs.to_representation("") == ""
            seen[language] = ours.choices["UA"]
    assert seen["en"] == "Ukraine" and seen["uk"] != "Ukraine"


def test_they_are_built_once_per_language_not_per_copy():
    with translation.override("lt"):
        field = CountryCodeField(read_only=True)
        copy = field.__deepcopy__({})  # what DRF does for each serializer instance
        assert copy.choices is field.choices
    with translation.override("lv"):
        assert CountryCodeField(read_only=True).choices is not field.choices


def test_other_choices_are_left_as_given():
    field = CountryCodeField(read_only=True, countries=None)
    field.choices = [("XA", "Somewhere")]
    assert list(field.choices.items()) == [("XA", "Somewhere")]
