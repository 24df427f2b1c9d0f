"""Every text typed into a form of the platform is cleaned the same way, once, here.

Invisible and direction-changing characters (bidi overrides and isolates, zero-width spaces and joiners, the
BOM, other C0/C1 control characters except tab and line breaks) are removed from every ``forms.CharField``
value, so a title cannot hide or reorder text ("‮gnp.exe") and a name cannot carry invisible marks. A text
field without ``max_length`` gets the platform's default cap (HUB_TEXT_MAX_LENGTH, 20,000 characters) with a
Spanish message, so a 3 MB "problem" is refused instead of stored.

Installed once from ``hub.core.apps.CoreConfig.ready()``; it patches ``CharField.to_python`` and
``CharField.__init__`` because every form field for text (model forms included) is a CharField.
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)


def strip_invisible(text: str) -> str:
    return INVISIBLE.sub("", text)


def _text_cap(cap: int):
    """A length cap that checks only text (a CharField subclass may clean to a number, e.g. CLP amounts)."""

    def validate(value):
        if isinstance(value, str) and len(value) > cap:
            raise ValidationError(
                f"El texto es demasiado largo: el máximo es {cap:,} caracteres.".replace(",", "."), code="max_length"
            )

    return validate


_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    original_to_python = forms.CharField.to_python
    original_init = forms.CharField.__init__

    def to_python(self, value):
        value = original_to_python(self, value)
        return strip_invisible(value) if isinstance(value, str) else value

    def __init__(self, *args, max_length=None, **kwargs):
        original_init(self, *args, max_length=max_length, **kwargs)
        if max_length is None:
            cap = getattr(settings, "HUB_TEXT_MAX_LENGTH", 20000)
            self.max_length = cap
            self.validators.append(_text_cap(cap))
            self.widget.attrs.setdefault("maxlength", str(cap))

    forms.CharField.to_python = to_python
    forms.CharField.__init__ = __init__
