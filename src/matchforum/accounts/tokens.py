"""The password-reset link's token: its own salt and its own, short lifetime.

Django's default generator also signs the e-mail confirmation links, which must live
for days; a reset link should not. A distinct salt also keeps a confirmation token from
ever working as a reset token. Like Django's, a token stops working once the password
or the last sign-in changes, so each link works once.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.http import base36_to_int


class PasswordResetLinkTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "matchforum.accounts.tokens.PasswordResetLinkTokenGenerator"

    def check_token(self, user, token) -> bool:
        if not super().check_token(user, token):
            return False
        issued = base36_to_int(token.split("-")[0])
        age = self._num_seconds(self._now()) - issued
        return age <= settings.PASSWORD_RESET_LINK_MINUTES * 60


password_reset_token_generator = PasswordResetLinkTokenGenerator()
