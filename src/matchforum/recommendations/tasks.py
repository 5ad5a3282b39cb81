"""Recommendation recomputation runs here, in the background, never in a request."""

from __future__ import annotations

from django_tasks import task

from matchforum.forums.models import Forum
from matchforum.organisations.models import Organisation


@task()
def recompute_forum_recommendations(forum_id: int) -> int:
    from .services import recommendations_recompute_forum

    return recommendations_recompute_forum(forum=Forum.objects.get(pk=forum_id))


@task()
def recompute_organisation_recommendations(organisation_id: int) -> int:
    from .services import recommendations_recompute_organisation

    organisation = Organisation.objects.select_related("forum").filter(pk=organisation_id).first()
    if organisation is None:
        return 0
    return recommendations_recompute_organisation(organisation=organisation)
