"""Builders for agenda tests (no factory library: plain functions with sensible defaults)."""

import datetime
import itertools

from hub.accounts.models import Role, User
from hub.agenda import services
from hub.agenda.models import BodyKind, ParticipationKind

_seq = itertools.count(1000)


def editor() -> User:
    user, _ = User.objects.get_or_create(username="agenda-editor", defaults={"role": Role.HUB_STAFF})
    return user


def make_item(**overrides):
    n = next(_seq)
    fields = {
        "title": f"Proyecto de ley de prueba {n}",
        "kind": "proyecto_ley",
        "boletin": f"{n}-06",
        "chamber": "senado",
        "summary": "Modifica la ley orgánica de municipalidades.",
        "challenges": ["seguridad"],
        "stage_since": datetime.date(2025, 1, 10),
    }
    fields.update(overrides)
    if fields["kind"] != "proyecto_ley":
        fields.setdefault("boletin", "")
        fields["boletin"] = overrides.get("boletin", "")
        fields["chamber"] = overrides.get("chamber", "")
    return services.item_create(acting_user=editor(), **fields)


def make_participation(**overrides):
    fields = {
        "on": datetime.date(2025, 5, 6),
        "title": "Exposición sobre seguridad municipal",
        "body_kind": BodyKind.CONGRESS,
        "body_name": "Comisión de Seguridad Pública del Senado",
        "kind": ParticipationKind.TESTIMONY,
        "represented_by": "Directora ejecutiva",
        "challenge": "seguridad",
    }
    fields.update(overrides)
    return services.participation_create(acting_user=editor(), **fields)
