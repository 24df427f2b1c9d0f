"""The registry of notification kinds. Each app registers its own in its ``AppConfig.ready()``::

    from hub.notifications.kinds import register_kind
    register_kind("seat_offered", _("Se liberó un cupo para usted"), email=True)
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    email: bool = True  # default for people who did not choose


_KINDS: dict[str, Kind] = {}


def register_kind(code: str, label, *, email: bool = True) -> Kind:
    kind = Kind(code=code, label=label, email=email)
    _KINDS[code] = kind
    return kind


def get_kind(code: str) -> Kind:
    return _KINDS.get(code) or Kind(code=code, label=code)


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda k: str(k.label))
