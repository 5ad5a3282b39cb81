"""Sign-ins, failures, sign-outs, lockouts and schedule publication go to the audit log."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import AuditEntry
from .services import audit_record


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def _signed_in(sender, request, user, **kwargs) -> None:
    audit_record(action=AuditEntry.Action.SIGN_IN, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_sign_out")
def _signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_record(action=AuditEntry.Action.SIGN_OUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    # Django has already masked the password in `credentials`; keep only the name tried.
    tried = str(credentials.get("username") or credentials.get("email") or "")[:150]
    audit_record(action=AuditEntry.Action.SIGN_IN_FAILED, request=request, data={"username": tried})


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    audit_record(action=AuditEntry.Action.LOCKED_OUT, request=request, data={"username": username})


@receiver(post_save, sender="schedules.ScheduleVersion", dispatch_uid="audit_schedule_published")
def _schedule_published(sender, instance, created, **kwargs) -> None:
    if created and instance.status == "published":
        audit_record(
            action=AuditEntry.Action.SCHEDULE_PUBLISHED,
            actor=instance.published_by,
            target=instance,
            data={"number": instance.number},
        )
