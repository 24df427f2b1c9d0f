"""Writes of incidencia y posicionamiento: staff only, validated with full_clean, stage changes via transitions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.taxonomy import Challenge
from hub.core.text import fold
from hub.core.transitions import transition

from . import access
from .models import (
    STAGE_TRANSITIONS,
    AgendaItem,
    EvidenceLink,
    InternationalNetwork,
    ItemChallenge,
    Mention,
    NetworkActivity,
    Participation,
    Position,
    initial_stage,
)

ITEM_FIELDS = ("title", "kind", "boletin", "chamber", "institution", "summary", "official_url")
DATE_PREFIX = "Fecha del trámite: "


def _search_text(item: AgendaItem, challenges) -> str:
    labels = [str(Challenge(c).label) for c in challenges]
    return fold(" ".join([item.title, item.boletin, item.institution, item.summary, *labels]))[:6000]


def _clean_challenges(challenges) -> list[str]:
    codes = list(dict.fromkeys(c for c in (challenges or []) if c))
    bad = [c for c in codes if c not in Challenge.values]
    if bad:
        raise ValidationError({"challenges": _("Desafío desconocido: %(c)s.") % {"c": ", ".join(bad)}})
    if not codes:
        raise ValidationError({"challenges": _("Elija al menos un desafío que toque este tema.")})
    return codes


def _save_unique(obj, field: str, message: str) -> None:
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationError({field: message}) from exc


@transaction.atomic
def item_create(*, acting_user, challenges, stage_since: datetime.date | None = None, is_demo: bool = False,
                **fields) -> AgendaItem:
    access.require_agenda_editor(acting_user)
    item = AgendaItem(created_by=acting_user, is_demo=is_demo)
    for name in ITEM_FIELDS:
        if name in fields:
            setattr(item, name, (fields[name] or "").strip())
    if item.kind in STAGE_TRANSITIONS:
        item.stage = initial_stage(item.kind)
    item.stage_since = item.started_on = stage_since or timezone.localdate()
    if item.started_on > timezone.localdate():
        raise ValidationError({"stage_since": _("La fecha de ingreso no puede ser futura.")})
    codes = _clean_challenges(challenges)
    item.search_text = _search_text(item, codes)
    item.full_clean()
    _save_unique(item, "boletin", _("Ya existe un tema de la agenda con ese número de boletín."))
    ItemChallenge.objects.bulk_create([ItemChallenge(item=item, challenge=c) for c in codes])
    return item


@transaction.atomic
def item_update(*, acting_user, item_id: int, challenges, **fields) -> AgendaItem:
    item = access.access_item(acting_user, item_id, write=True)
    for name in ITEM_FIELDS:
        if name in fields and name != "kind":  # the kind fixes the stages: it never changes
            setattr(item, name, (fields[name] or "").strip())
    codes = _clean_challenges(challenges)
    item.search_text = _search_text(item, codes)
    item.full_clean()
    _save_unique(item, "boletin", _("Ya existe un tema de la agenda con ese número de boletín."))
    item.challenges.exclude(challenge__in=codes).delete()
    existing = set(item.challenges.values_list("challenge", flat=True))
    ItemChallenge.objects.bulk_create([ItemChallenge(item=item, challenge=c) for c in codes if c not in existing])
    return item


def item_move(*, acting_user, item_id: int, to: str, on: datetime.date, note: str = "") -> AgendaItem:
    """Move the item to another stage of its kind, dated by the official date of the step (not in the future)."""
    item = access.access_item(acting_user, item_id, write=True)
    if on > timezone.localdate():
        raise ValidationError({"on": _("La fecha del trámite no puede ser futura.")})
    if on < item.stage_since:
        raise ValidationError(
            {"on": _("La fecha no puede ser anterior a la etapa actual (desde el %(d)s).")
             % {"d": item.stage_since.strftime("%d-%m-%Y")}}
        )
    item.stage_since = on
    reason = f"{DATE_PREFIX}{on.isoformat()}." + (f" {note.strip()}" if note.strip() else "")
    return transition(
        item, to=to, allowed=STAGE_TRANSITIONS[item.kind], acting_user=acting_user, field="stage",
        reason=reason, extra_update_fields=("stage_since",),
    )


@transaction.atomic
def position_add(*, acting_user, item_id: int, is_demo: bool = False, **fields) -> Position:
    item = access.access_item(acting_user, item_id, write=True)
    position = Position(item=item, is_demo=is_demo, **fields)
    position.full_clean()
    position.save()
    return position


@transaction.atomic
def evidence_add(*, acting_user, item_id: int, **fields) -> EvidenceLink:
    item = access.access_item(acting_user, item_id, write=True)
    link = EvidenceLink(item=item, **fields)
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def participation_create(*, acting_user, is_demo: bool = False, **fields) -> Participation:
    access.require_agenda_editor(acting_user)
    participation = Participation(created_by=acting_user, is_demo=is_demo, **fields)
    participation.full_clean()
    participation.save()
    return participation


@transaction.atomic
def mention_create(*, acting_user, is_demo: bool = False, **fields) -> Mention:
    access.require_agenda_editor(acting_user)
    mention = Mention(is_demo=is_demo, **fields)
    mention.full_clean()
    mention.save()
    return mention


@transaction.atomic
def network_create(*, acting_user, is_demo: bool = False, **fields) -> InternationalNetwork:
    access.require_agenda_editor(acting_user)
    network = InternationalNetwork(is_demo=is_demo, **fields)
    network.full_clean()
    network.save()
    return network


@transaction.atomic
def network_activity_create(*, acting_user, network_id: int, is_demo: bool = False, **fields) -> NetworkActivity:
    access.require_agenda_editor(acting_user)
    network = InternationalNetwork.objects.filter(pk=network_id).first()
    if network is None:
        raise ValidationError({"network": _("Elija una red internacional existente.")})
    activity = NetworkActivity(network=network, is_demo=is_demo, **fields)
    activity.full_clean()
    activity.save()
    return activity

