"""Single-use 2FA recovery codes (django-otp's static device): ten codes, shown once, each valid once.

A person who lost her phone signs in with one code at the second step; generating new codes voids the old.
Codes are stored as given by django-otp's StaticToken (random, 8 base32 characters shown in two groups).
"""

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

DEVICE_NAME = "Códigos de recuperación"
CODE_COUNT = 10


def recovery_codes_generate(*, acting_user) -> list[str]:
    """New codes for the acting user only; the previous ones stop working at once."""
    if not getattr(acting_user, "is_authenticated", False):
        raise PermissionError("Debe ingresar para generar códigos de recuperación.")
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(user=acting_user, name=DEVICE_NAME, defaults={"confirmed": True})
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=DEVICE_NAME).count()


def recovery_code_use(user, code: str):
    """The static device if ``code`` is one of the user's unused codes (and burn it), else None."""
    normalised = (code or "").strip().replace(" ", "").replace("-", "").lower()
    for device in StaticDevice.objects.filter(user=user, name=DEVICE_NAME):
        if device.verify_token(normalised):
            return device
    return None
