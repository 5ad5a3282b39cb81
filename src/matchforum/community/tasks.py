"""Background tasks of the experience exchange: they take ids, load rows, call a service."""

from __future__ import annotations

from django_tasks import task

from .models import Post


@task()
def notify_thread_reply(post_id: int) -> list[str]:
    """Tell the earlier participants of a thread about a reply."""
    from .services import thread_reply_notify

    post = Post.objects.select_related("thread__forum", "thread__track").get(pk=post_id)
    return thread_reply_notify(post=post)
