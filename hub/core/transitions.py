"""The one transition helper: every status change of every app goes through ``transition()``.

An app declares its allowed next states as a map ``{state: {next, ...}}`` next to its model and calls::

    transition(obj, to="aceptada", allowed=ENGAGEMENT_TRANSITIONS, acting_user=user, reason="...")

The helper locks the row (``select_for_update``), re-reads the current state, refuses in Spanish when the
move is not allowed (a ``TransitionRefused``, a ``ValidationError`` that changes nothing), runs an optional
``guard(obj)`` that may refuse with its own reason, saves the new state and records who moved it and when
in ``StateChange`` (shown as the object's timeline by ``state_history(obj)``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone


class TransitionRefused(ValidationError):
    """A status change that is not allowed from the current state, or that a guard refused."""


def _label(obj, field: str, value) -> str:
    choices = dict(obj._meta.get_field(field).flatchoices)
    return str(choices.get(value, value))


def allowed_next(obj, allowed: Mapping, *, field: str = "status") -> list[str]:
    """The states the object may move to now, in the map's order (for buttons in templates)."""
    return list(allowed.get(getattr(obj, field), ()))


def transition(
    obj: models.Model,
    *,
    to: str,
    allowed: Mapping[str, Iterable[str]],
    acting_user,
    field: str = "status",
    reason: str = "",
    guard: Callable[[models.Model], None] | None = None,
    extra_update_fields: Iterable[str] = (),
) -> models.Model:
    """Move ``obj.<field>`` to ``to`` if the map allows it; returns the locked, updated object.

    ``guard(locked_obj)`` runs after the lock and before the save; it raises ``TransitionRefused`` (or any
    ``ValidationError``) with a Spanish reason to refuse. Extra fields the caller set on ``obj`` before the
    call are copied to the locked row when named in ``extra_update_fields``.
    """
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        current = getattr(locked, field)
        if to not in set(allowed.get(current, ())):
            nexts = [_label(locked, field, s) for s in allowed.get(current, ())]
            options = ", ".join(f"«{n}»" for n in nexts) if nexts else "ninguno (estado final)"
            raise TransitionRefused(
                f"No se puede pasar de «{_label(locked, field, current)}» a «{_label(locked, field, to)}». "
                f"Desde «{_label(locked, field, current)}» se puede pasar a: {options}.",
                code="transition_refused",
            )
        for name in extra_update_fields:
            setattr(locked, name, getattr(obj, name))
        if guard is not None:
            guard(locked)
        setattr(locked, field, to)
        update_fields = [field, *extra_update_fields]
        if hasattr(locked, f"{field}_changed_at"):
            setattr(locked, f"{field}_changed_at", timezone.now())
            update_fields.append(f"{field}_changed_at")
        locked.save(update_fields=update_fields)
        from hub.core.models import StateChange

        StateChange.objects.create(
            content_type=ContentType.objects.get_for_model(locked),
            object_id=str(locked.pk),
            field=field,
            from_state=current or "",
            to_state=to,
            actor=acting_user if getattr(acting_user, "is_authenticated", False) else None,
            reason=reason[:2000],
        )
    # The caller's instance reflects the saved row too.
    for name in (field, *extra_update_fields, f"{field}_changed_at"):
        if hasattr(locked, name):
            setattr(obj, name, getattr(locked, name))
    return locked


def state_history(obj: models.Model, *, field: str = "status"):
    """The object's recorded transitions, oldest first (who, when, from, to, reason)."""
    from hub.core.models import StateChange

    return (
        StateChange.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk), field=field
        )
        .select_related("actor")
        .order_by("at", "pk")
    )
