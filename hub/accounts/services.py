"""Writes of the accounts app: second-factor devices (TOTP)."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Aplicación de autenticación"


def totp_device_pending(*, user) -> TOTPDevice:
    """The user's unconfirmed device, created on first use (confirmed devices are never reused here)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_confirmed(user) -> TOTPDevice | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm a device with a code from the app; False (and the device unchanged) when the code is wrong."""
    with transaction.atomic():
        if not device.verify_token((token or "").strip().replace(" ", "")):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


def totp_devices_remove(*, acting_user) -> int:
    """The acting person removes her own second factor: the TOTP device and the recovery codes."""
    if not getattr(acting_user, "is_authenticated", False):
        raise PermissionDenied("Debe ingresar para desactivar su segundo factor.")
    user = acting_user
    with transaction.atomic():
        deleted, _ = TOTPDevice.objects.filter(user=user).delete()
        from django_otp.plugins.otp_static.models import StaticDevice

        StaticDevice.objects.filter(user=user).delete()  # recovery codes go with the second factor
    return deleted


def totp_secret(device: TOTPDevice) -> str:
    """The key in base32, grouped in fours, for typing by hand into the app."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code (no inline styles, so it passes the CSP)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return svg.replace("<svg ", '<svg role="img" aria-label="Código QR" class="qr-code" ', 1)
