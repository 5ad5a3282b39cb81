"""Background tasks of meetings: they take ids, load objects and call a service."""

from __future__ import annotations

from django_tasks import task

from matchforum.forums.models import Forum


@task()
def expire_meeting_requests(forum_id: int) -> list[int]:
    """Expire the forum's unanswered requests that are past their time."""
    from .services import meeting_requests_expire

    forum = Forum.objects.get(pk=forum_id)
    return meeting_requests_expire(forum=forum)


@task()
def remind_pending_requests(forum_id: int) -> int:
    """Remind organisations of requests waiting for their answer (once a day at most)."""
    from .services import meeting_requests_remind

    forum = Forum.objects.get(pk=forum_id)
    return meeting_requests_remind(forum=forum)
