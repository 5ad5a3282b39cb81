"""Optional TOTP second factor for organisers and vetting officers (django-otp)."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from django_otp.plugins.otp_totp.models import TOTPDevice

from matchforum.accounts.models import User

DEVICE_NAME = "authenticator app"


def may_enrol(user: User) -> bool:
    return user.is_authenticated and user.can_vet


def totp_confirmed_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_pending_device(*, user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled (one at a time), created when missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def totp_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm the enrolment when the code from the app is right; drop older devices."""
    if not device.verify_token(token.strip().replace(" ", "")):
        return False
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def totp_disable(*, user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()


def qr_svg(uri: str) -> str:
    """An inline SVG QR code of the otpauth URI (no external service, no script)."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]
