"""Background tasks of organisations: they take ids, load rows and call a service."""

from __future__ import annotations

from django_tasks import task

from .models import Invitation, RegistrationImport, RegistrationImportState


@task()
def send_invitation_email(invitation_id: int) -> bool:
    from .services import invitation_mail_send

    invitation = (
        Invitation.objects.select_related("organisation__forum", "invited_by__user")
        .filter(pk=invitation_id, accepted_at=None, revoked_at=None)
        .first()
    )
    if invitation is None:
        return False
    invitation_mail_send(invitation=invitation)
    return True


@task()
def run_registration_import(import_id: int) -> bool:
    from .services import registration_import_run

    job = RegistrationImport.objects.select_related("forum", "created_by").filter(
        pk=import_id, state=RegistrationImportState.QUEUED
    )
    job = job.first()
    if job is None:
        return False
    registration_import_run(job=job)
    return True
