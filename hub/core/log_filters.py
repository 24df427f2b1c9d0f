"""Logs never carry secrets: passwords, tokens, session ids, CSRF tokens, OTP codes, API keys."""

import logging
import re

REDACTED = "[oculto]"
_KEYS = (
    r"password|passwd|clave|contrase(?:ñ|n)a|token|otp|secret|api[_-]?key"
    r"|sessionid|session_id|csrftoken|csrfmiddlewaretoken"
)
# key=value, key: value, "key": "value", 'key': 'value' (query strings, cookies, dict reprs, JSON).
_PAIR = re.compile(rf"""(?i)(["']?\b[\w-]*(?:{_KEYS})[\w-]*["']?\s*[:=]\s*)(\[?["']?)([^"'\s&;,\]\}}]+)""")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+")


def scrub(text: str) -> str:
    text = _BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    return _PAIR.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)


class ScrubSecretsFilter(logging.Filter):
    """Rewrites the final message (and drops the request object) so no handler can print a secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the log line
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = ()
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if hasattr(record, "request"):
            # Handlers such as AdminEmailHandler would print the whole request, cookies and POST included.
            record.request = None
        return True
