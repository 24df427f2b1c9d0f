"""The one membership rule every module reads: is this comuna a member (vigente) on a date?

Placeholder until the finance module computes the state from membership periods and payments: today it
reads the territory's demo flag. Training fees and the premium library must call ``is_member`` only.
"""

from __future__ import annotations

from datetime import date


def is_member(comuna, on: date | None = None) -> bool:
    return bool(getattr(comuna, "is_amuch_member", False))


def user_has_member_benefits(user, on: date | None = None) -> bool:
    """An official inherits member benefits while one of her comunas is vigente."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_official", False):
        return False
    return any(is_member(c, on) for c in user.comunas.all())
