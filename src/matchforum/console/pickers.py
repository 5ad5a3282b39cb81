"""What each type-ahead picker of the console searches and how it names a row.

One mechanism for every picker (`widgets.SearchPicker` renders the box, `views.search`
answers it): a kind says how a row is labelled in the results and once chosen, and what
the results say when nothing matches. The search itself, with its permission, is the
view's (the delegates of approved organisations for an organiser; the organisations the
caller may vet).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from matchforum.organisations.models import Delegate, Organisation


@dataclass(frozen=True)
class PickerKind:
    label: Callable[[Any], str]
    detail: Callable[[Any], str]
    placeholder: Promise
    nothing_found: Promise


def _delegate_label(delegate: Delegate) -> str:
    return f"{delegate.user} · {delegate.organisation.name}"


def _organisation_detail(organisation: Organisation) -> str:
    return f"{organisation.country.name} · {organisation.get_accreditation_display()}"


DELEGATE = PickerKind(
    label=_delegate_label,
    detail=lambda delegate: delegate.user.email,
    placeholder=_("Type a name, e-mail or organisation"),
    nothing_found=_("Nobody found."),
)

ORGANISATION = PickerKind(
    label=lambda organisation: organisation.name,
    detail=_organisation_detail,
    placeholder=_("Type an organisation's name"),
    nothing_found=_("No organisation found."),
)
