"""E-mails rendered in the recipient's own interface language.

Call these from tasks only (never inside a request): a task loads the rows and
calls a service, which calls `email_send_to_user`.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from matchforum.accounts.models import User


def user_language(user: User) -> str:
    """The user's chosen interface language, or the site's default."""
    codes = {code for code, _name in settings.LANGUAGES}
    return user.preferred_language if user.preferred_language in codes else settings.LANGUAGE_CODE


def email_send_to_user(
    *, user: User, subject_template: str, body_template: str, context: Mapping[str, object]
) -> int:
    """Render subject and body in the user's language and send them to the user."""
    with translation.override(user_language(user)):
        full_context = {
            "recipient": user,
            "site_url": getattr(settings, "SITE_URL", "").rstrip("/"),
            **context,
        }
        subject = " ".join(render_to_string(subject_template, full_context).split())
        body = render_to_string(body_template, full_context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
