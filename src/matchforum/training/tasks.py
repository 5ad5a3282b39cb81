"""Background tasks of training programmes: they take ids, load rows, call a service."""

from __future__ import annotations

from django_tasks import task

from .models import TrainingRequest


@task()
def notify_training_decision(training_request_id: int) -> None:
    from .services import training_decision_notify

    training_request = TrainingRequest.objects.select_related(
        "delegate__user", "programme__profile"
    ).get(pk=training_request_id)
    training_decision_notify(training_request=training_request)


@task()
def notify_training_request(training_request_id: int) -> list[str]:
    from .services import training_request_notify_provider

    training_request = TrainingRequest.objects.select_related(
        "organisation", "programme__profile__organisation"
    ).get(pk=training_request_id)
    return training_request_notify_provider(training_request=training_request)
