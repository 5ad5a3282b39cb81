"""Background tasks of badges: they take ids, load rows and call a service."""

from __future__ import annotations

from django_tasks import task

from .models import BadgeBatch, BadgeBatchState


@task()
def make_badge_batch(batch_id: int) -> bool:
    from .services import badge_batch_run

    batch = (
        BadgeBatch.objects.select_related("forum")
        .defer("pdf")
        .filter(pk=batch_id, state=BadgeBatchState.QUEUED)
        .first()
    )
    if batch is None:
        return False
    badge_batch_run(batch=batch)
    return True
