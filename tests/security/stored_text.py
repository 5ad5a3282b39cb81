"""Find where marked text values were stored and check none was cut or altered."""

from __future__ import annotations

import functools

from django.apps import apps
from django.db import models
from django.db.models import Q

from matchforum.organisations.names import name_clean
from tests.security.fuzz_values import MARK

# Values derived from the text, not copies of it (a slug or an address is rebuilt).
DERIVED_FIELDS = (models.SlugField, models.EmailField, models.URLField)


@functools.cache
def _text_columns() -> list[tuple[type[models.Model], list[str]]]:
    columns = []
    for model in apps.get_models():
        names = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, DERIVED_FIELDS)
        ]
        if names:
            columns.append((model, names))
    return columns


def accepted_forms(sent: str) -> set[str]:
    """What storing `sent` may make of it: the documented normalisations only.

    Forms trim surrounding white space (Django's CharField strip); organisation names
    also lose invisible format characters and repeated spaces (organisations/names.py).
    """
    return {sent, sent.strip(), name_clean(sent)}


def stored_markers(sent_by_marker: dict[str, str]) -> tuple[int, list[str]]:
    """(how many stored cells hold a marker sent now, the problems): a problem is a cell
    that holds a marker but not the whole value sent with it.

    Cells are found by the markers' common beginning (one condition per column), then
    matched to the markers sent now.
    """
    found, problems = 0, []
    if not sent_by_marker:
        return found, problems
    for model, names in _text_columns():
        condition = Q()
        for name in names:
            condition |= Q(**{f"{name}__contains": MARK})
        for row in model._base_manager.filter(condition).values_list("pk", *names):
            pk, cells = row[0], row[1:]
            for name, cell in zip(names, cells, strict=True):
                if not cell:
                    continue
                for marker, sent in sent_by_marker.items():
                    if marker not in cell:
                        continue
                    found += 1
                    if not any(form in cell for form in accepted_forms(sent)):
                        problems.append(
                            f"{model._meta.label}.{name} (pk {pk}) holds {len(cell)} characters "
                            f"of a {len(sent)}-character value: {cell[:80]!r}…"
                        )
    return found, problems


def altered_values(sent_by_marker: dict[str, str]) -> list[str]:
    """The problems of `stored_markers`."""
    return stored_markers(sent_by_marker)[1]
