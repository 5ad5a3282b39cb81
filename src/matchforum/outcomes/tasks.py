"""Background tasks of outcomes: they take ids, load objects and call a service."""

from __future__ import annotations

from django_tasks import task

from matchforum.forums.models import Forum


@task()
def send_follow_up_surveys(forum_id: int, months: int) -> int:
    """Send the due follow-up survey e-mails of a forum; returns how many went out."""
    from .services import follow_up_surveys_send

    forum = Forum.objects.get(pk=forum_id)
    return follow_up_surveys_send(forum=forum, months=months)
