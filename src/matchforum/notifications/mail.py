"""The one module that hands e-mails to Django's mail layer.

A person with an account is told through `notifications.services.notification_send`
(recorded once, digest, their language), which delivers through `mail_send` here. Mail
to a bare address, for someone who has no usable account yet (the confirmation of a
new account, an invitation), goes through `address_mail_send`: there is nobody to
record it for, nor a preference to follow.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from matchforum.core.links import site_url

MessageBuilder = Callable[[], tuple[str, str]]


def templates_message(
    *, recipient: object, subject_template: str, body_template: str, context: Mapping[str, object]
) -> MessageBuilder:
    """A builder that renders a subject and a body template (in the language active when it
    is called), with the recipient and the site's address in the context."""

    def build() -> tuple[str, str]:
        full_context = {"recipient": recipient, "site_url": site_url(), **context}
        subject = " ".join(render_to_string(subject_template, full_context).split())
        return subject, render_to_string(body_template, full_context)

    return build


def mail_send(*, to: str, subject: str, body: str) -> None:
    """Hand one e-mail to Django. Called by the notification service (after recording) and
    by `address_mail_send`; everything else tells people through those two."""
    send_mail(
        subject=subject,
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[to],
    )


def address_mail_send(*, address: str, language: str, build: MessageBuilder) -> None:
    """Write the (subject, body) that `build` returns in `language` and mail it to `address`."""
    with translation.override(language):
        subject, body = build()
    mail_send(to=address, subject=str(subject), body=str(body))
