"""E-mails about organisations, sent in the background."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Invitation


@task()
def send_invitation_email(invitation_id: int, base_url: str) -> bool:
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by__user")
        .filter(pk=invitation_id, accepted_at=None, revoked_at=None)
        .first()
    )
    if invitation is None:
        return False
    link = base_url.rstrip("/") + reverse("accounts:invitation", kwargs={"token": invitation.token})
    body = render_to_string(
        "organisations/email/invitation.txt", {"invitation": invitation, "link": link}
    )
    subject = _("You are invited to represent %(organisation)s") % {
        "organisation": invitation.organisation.name
    }
    send_mail(subject, body, None, [invitation.email])
    return True
