"""Who may see an offer or need, and who may request a meeting about it: the one rule.

Every offer and need is public, dual-use or controlled (`Classification`). The forum's
rules (`Forum.classification_rules`, edited by the chair; missing entries take the
defaults in `data/classification_rules.json`) say, per classification and per action
("see", "request"), which viewer organisations are admitted: by country (any, the forum's
participating countries, or a list), by kind (any, or a list) and by the lowest
accreditation level granted by the committee (none, basic, full). Only approved
organisations are ever admitted, and requesting also needs seeing.

Always, whatever the rules: the owner organisation sees its own items, and the committee
members who may view the owner's private details (forums/committee.py) see them too.

Every channel asks these functions: the marketplace pages and search (and so their
counts), the organisation pages, the API (through the scoping rule of CooperationProfile),
the meeting request form and service, the coalition pages, recommendations and the shared
directory cache (keyed by what the caller may see). Recommendations follow the simplest
true rule: the matcher's index only uses items that every approved organisation may see
(`open_classifications`), and an explanation is shown with only the items its reader may
see. The rules are read from the forum row on every use, so a change holds at once.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, Q, QuerySet
from django.utils.translation import gettext as _
from django_countries import countries as all_countries

from matchforum.accounts.models import User
from matchforum.core.own_organisations import own_organisations_memo
from matchforum.forums import committee
from matchforum.forums.models import Forum
from matchforum.organisations.models import (
    ACCREDITATION_LEVEL_ORDER,
    Accreditation,
    AccreditationLevel,
    Organisation,
    OrganisationKind,
)

from .models import Classification, CooperationProfile

SEE = "see"
REQUEST = "request"
ACTIONS = (SEE, REQUEST)
ANY_COUNTRY = "any"
PARTICIPATING = "participating"


@dataclass(frozen=True)
class Condition:
    """Which viewer organisations one rule admits (all three parts must hold)."""

    countries: str | tuple[str, ...]  # ANY_COUNTRY, PARTICIPATING or ISO codes
    kinds: tuple[str, ...]  # empty: any kind
    level: str  # the lowest accreditation level

    @property
    def is_open(self) -> bool:
        """Whether every approved organisation is admitted: then the rule adds nothing to
        who may see the owner organisation (approval gates that already)."""
        return self.countries == ANY_COUNTRY and not self.kinds and self.level == "none"

    def country_codes(self, forum: Forum) -> tuple[str, ...] | None:
        """The admitted countries (None: any)."""
        if self.countries == ANY_COUNTRY:
            return None
        if self.countries == PARTICIPATING:
            return tuple(forum.participating_countries or ())
        return tuple(self.countries)

    def levels(self) -> tuple[str, ...]:
        return ACCREDITATION_LEVEL_ORDER[ACCREDITATION_LEVEL_ORDER.index(self.level) :]

    def admits(self, organisation: Organisation, forum: Forum) -> bool:
        if organisation.accreditation != Accreditation.APPROVED:
            return False
        codes = self.country_codes(forum)
        if codes is not None and str(organisation.country) not in codes:
            return False
        if self.kinds and organisation.kind not in self.kinds:
            return False
        return organisation.accreditation_level in self.levels()

    def organisations_q(self, forum: Forum) -> Q:
        """`admits` in SQL, over organisations."""
        scope = Q(accreditation=Accreditation.APPROVED, accreditation_level__in=self.levels())
        codes = self.country_codes(forum)
        if codes is not None:
            scope &= Q(country__in=codes)
        if self.kinds:
            scope &= Q(kind__in=self.kinds)
        return scope

    def as_data(self) -> dict[str, object]:
        countries = self.countries if isinstance(self.countries, str) else list(self.countries)
        return {"countries": countries, "kinds": list(self.kinds), "level": self.level}


Rules = dict[tuple[str, str], Condition]


@functools.cache
def _default_data() -> dict[str, object]:
    text = files(__package__).joinpath("data/classification_rules.json").read_text("utf-8")
    data = json.loads(text)
    data.pop("_comment", None)
    return data


def _condition(raw: object, *, where: str) -> Condition:
    """One condition from its stored form; a clear error for anything else."""
    if not isinstance(raw, Mapping) or set(raw) - {"countries", "kinds", "level"}:
        raise ValidationError(_("The rule %(where)s is not well formed.") % {"where": where})
    countries = raw.get("countries", ANY_COUNTRY)
    if isinstance(countries, list):
        unknown = [str(c) for c in countries if not isinstance(c, str) or c not in all_countries]
        if unknown or not countries:
            raise ValidationError(
                _("The rule %(where)s names no country or an unknown one: %(codes)s.")
                % {"where": where, "codes": ", ".join(unknown) or "—"}
            )
        countries = tuple(countries)
    elif countries not in (ANY_COUNTRY, PARTICIPATING):
        raise ValidationError(_("The rule %(where)s is not well formed.") % {"where": where})
    kinds = raw.get("kinds", [])
    if not isinstance(kinds, list) or any(k not in OrganisationKind.values for k in kinds):
        raise ValidationError(
            _("The rule %(where)s names an unknown kind of organisation.") % {"where": where}
        )
    level = raw.get("level", AccreditationLevel.NONE)
    if level not in AccreditationLevel.values:
        raise ValidationError(
            _("The rule %(where)s names an unknown accreditation level.") % {"where": where}
        )
    return Condition(countries=countries, kinds=tuple(kinds), level=str(level))


def rules_clean(raw: object) -> Rules:
    """The full rules from stored or submitted data: missing entries take the defaults;
    anything not well formed is refused with a clear message (nothing is dropped)."""
    if not isinstance(raw, Mapping):
        raise ValidationError(_("The classification rules are not well formed."))
    unknown = set(raw) - set(Classification.values)
    if unknown:
        raise ValidationError(
            _("Unknown classification: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    defaults = _default_data()
    rules: Rules = {}
    for classification in Classification.values:
        given = raw.get(classification, {})
        if not isinstance(given, Mapping) or set(given) - set(ACTIONS):
            raise ValidationError(_("The classification rules are not well formed."))
        for action in ACTIONS:
            stored = given.get(action, defaults[classification][action])
            rules[classification, action] = _condition(stored, where=f"{classification}/{action}")
    return rules


def rules_as_data(rules: Rules) -> dict[str, dict[str, object]]:
    """The rules as stored on the forum."""
    return {
        classification: {action: rules[classification, action].as_data() for action in ACTIONS}
        for classification in Classification.values
    }


def forum_rules(forum: Forum) -> Rules:
    """The forum's rules now (checked when saved; read on every use, never cached)."""
    return rules_clean(forum.classification_rules or {})


def _admitted(
    rules: Rules, forum: Forum, organisation: Organisation, classification: str, action: str
) -> bool:
    # Requesting needs seeing as well: a rule can never let someone request the unseen.
    needed = (SEE,) if action == SEE else (SEE, REQUEST)
    return all(rules[classification, a].admits(organisation, forum) for a in needed)


def item_visible(
    viewer_organisation: Organisation | None,
    item: CooperationProfile,
    *,
    user: User | None = None,
) -> bool:
    """Whether the viewer (an organisation, and the user for the committee's view) may see
    the item. Publication (drafts) is the selectors' business, not this rule's."""
    owner = item.organisation
    if viewer_organisation is not None and viewer_organisation.pk == owner.pk:
        return True
    if user is not None and committee.can_view_private(user, owner):
        return True
    forum = owner.forum
    condition = forum_rules(forum)[item.classification, SEE]
    if condition.is_open:
        return True
    return viewer_organisation is not None and condition.admits(viewer_organisation, forum)


def item_requestable(viewer_organisation: Organisation, item: CooperationProfile) -> bool:
    """Whether the viewer organisation may request a meeting about the published item
    (never its own)."""
    owner = item.organisation
    if viewer_organisation.pk == owner.pk or not item.is_active:
        return False
    forum = owner.forum
    return _admitted(forum_rules(forum), forum, viewer_organisation, item.classification, REQUEST)


def item_requestable_check(*, organisation: Organisation, item: CooperationProfile) -> None:
    """Refuse a meeting request about an item the organisation may not request."""
    if not item_requestable(organisation, item):
        raise PermissionDenied(
            _("Your organisation may not request a meeting about this offer or need.")
        )


def classifications_for(
    organisations: Iterable[Organisation], forum: Forum, *, action: str = SEE
) -> list[str]:
    """The classifications any of these organisations may see (or request), in order."""
    rules = forum_rules(forum)
    organisations = list(organisations)
    return [
        classification
        for classification in Classification.values
        if any(_admitted(rules, forum, org, classification, action) for org in organisations)
    ]


def visible_items(
    user: User, forum: Forum, queryset: QuerySet[CooperationProfile]
) -> QuerySet[CooperationProfile]:
    """The items of `queryset` the user may see: those of a classification one of their
    organisations may see, their own organisations', and, for committee members, those of
    the organisations whose private details they may view. The rule is one subquery per
    classification (no query of its own), so each use reads the rules and levels now."""
    own = [pk for pk, _accreditation in own_organisations_memo(user, forum)]
    scope = Q(organisation_id__in=own)
    rules = forum_rules(forum)
    for classification in Classification.values:
        condition = rules[classification, SEE]
        if condition.is_open:
            # Seen by whoever may see the organisation (the scoping decides that).
            scope |= Q(classification=classification)
        elif own:
            admitted = Organisation.objects.filter(condition.organisations_q(forum), pk__in=own)
            scope |= Q(classification=classification) & Exists(admitted)
    if user.is_authenticated and user.can_vet:
        scope |= Q(organisation_id__in=committee.private_organisations(user, forum).values("pk"))
    return queryset.filter(scope)


def open_classifications(forum: Forum) -> list[str]:
    """The classifications every approved organisation may see: the only items the
    recommendation matcher uses, so no score or explanation rests on a hidden item."""
    rules = forum_rules(forum)
    return [c for c in Classification.values if rules[c, SEE].is_open]
