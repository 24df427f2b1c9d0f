"""Logs never contain passwords, tokens or session ids."""

import io
import logging

from hub.core.log_filters import ScrubSecretsFilter


def _configured_handler():
    for handler in logging.getLogger().handlers:
        if any(isinstance(f, ScrubSecretsFilter) for f in handler.filters):
            return handler
    raise AssertionError("ningún handler de LOGGING tiene el filtro ScrubSecretsFilter")


def test_a_logged_request_with_secrets_shows_none_of_them(rf):
    handler = _configured_handler()
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        request = rf.post(
            "/cuentas/ingresar/?token=tok-en-la-url",
            {"username": "ana", "password": "MiClaveSecreta123"},
            HTTP_COOKIE="sessionid=ses-abc123; csrftoken=csrf-def456",
            HTTP_AUTHORIZATION="Bearer portador-xyz",
        )
        logging.getLogger("django.request").warning(
            "Ingreso fallido %s POST=%s cookies=%s auth=%s",
            request.get_full_path(), dict(request.POST.items()), request.META["HTTP_COOKIE"],
            request.META["HTTP_AUTHORIZATION"], extra={"request": request},
        )
        logging.getLogger("hub").error('{"password": "otra-clave", "otp_token": "123456"}')
    finally:
        handler.setStream(old)
    output = stream.getvalue()
    assert "Ingreso fallido /cuentas/ingresar/" in output and "ana" in output
    for secret in ["tok-en-la-url", "MiClaveSecreta123", "ses-abc123", "csrf-def456", "portador-xyz", "otra-clave",
                   "123456"]:
        assert secret not in output, secret


def test_every_configured_handler_scrubs_secrets(settings):
    handlers = settings.LOGGING["handlers"]
    assert handlers
    for name, handler in handlers.items():
        assert "scrub_secrets" in handler.get("filters", []), name
