"""Inventory of the personal data the platform keeps (Ley 21.719 de protección de datos personales).

Each app declares, in its AppConfig.ready(), which fields of its models hold personal data and how to find
the person they belong to::

    register_personal_data(Practice, ["contact_name", "contact_email"], person_lookup="submitted_by")

``person_lookup`` is the ORM path from the model to the accounts.User the row belongs to ("" when the row
*is* the user, None when rows can only be found by e-mail). Fields that look personal (e-mail, phone, RUT)
but hold institutional data are declared with ``declare_not_personal`` and a reason. A test fails for any
e-mail or phone-like field of a hub.* model that is in neither list, so new apps cannot forget.

Staff use the inventory to export everything about one person (by user or e-mail) and to anonymise it on
request (``person_erase``): one transaction, the audit trail keeps that an erasure happened, not the data.
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q

ERASED = "[eliminado]"
PERSONAL_NAME = re.compile(r"(^|_)(e?mail|correo|phone|telefono|fono|celular|mobile|whatsapp|rut)(_|$)")


@dataclass(frozen=True)
class PersonalData:
    model: type[models.Model]
    fields: tuple[str, ...]
    person_lookup: str | None

    @property
    def label(self) -> str:
        return self.model._meta.label

    def email_fields(self) -> list[str]:
        return [f for f in self.fields if isinstance(self.model._meta.get_field(f), models.EmailField)]


_REGISTRY: dict[str, PersonalData] = {}
_NOT_PERSONAL: dict[tuple[str, str], str] = {}


def register_personal_data(model, fields, person_lookup: str | None) -> None:
    """Declare that ``fields`` of ``model`` are personal data of the user reached by ``person_lookup``."""
    for name in fields:
        model._meta.get_field(name)  # fail early on a typo
    existing = _REGISTRY.get(model._meta.label)
    merged = tuple(dict.fromkeys([*(existing.fields if existing else ()), *fields]))
    _REGISTRY[model._meta.label] = PersonalData(model=model, fields=merged, person_lookup=person_lookup)


def declare_not_personal(model, fields, reason: str) -> None:
    """Declare that fields which look personal (an institution's contact e-mail) are not personal data."""
    for name in fields:
        model._meta.get_field(name)
        _NOT_PERSONAL[(model._meta.label, name)] = reason


def inventory() -> list[PersonalData]:
    return sorted(_REGISTRY.values(), key=lambda item: item.label)


def not_personal() -> dict[tuple[str, str], str]:
    return dict(_NOT_PERSONAL)


def looks_personal(field) -> bool:
    return isinstance(field, models.EmailField) or bool(PERSONAL_NAME.search(field.name))


def undeclared_personal_fields() -> list[str]:
    """E-mail, phone or RUT-like fields of hub.* models that no app declared either way."""
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("hub."):
            continue
        declared = _REGISTRY.get(model._meta.label)
        for field in model._meta.concrete_fields:
            if not looks_personal(field):
                continue
            if declared and field.name in declared.fields:
                continue
            if (model._meta.label, field.name) in _NOT_PERSONAL:
                continue
            missing.append(f"{model._meta.label}.{field.name}")
    return missing


def _rows_for(entry: PersonalData, *, user, email: str):
    condition = Q(pk__in=[])
    if user is not None and entry.person_lookup is not None:
        path = entry.person_lookup or "pk"
        condition |= Q(**{path: user.pk if path == "pk" else user})
    if email:
        for name in entry.email_fields():
            condition |= Q(**{f"{name}__iexact": email})
    return entry.model._default_manager.filter(condition).distinct()


def _plain(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def person_export(*, user=None, email: str = "") -> dict:
    """Every registered personal field about one person, grouped by model, ready for a JSON download."""
    email = (email or (user.email if user is not None else "")).strip()
    data: dict = {"persona": {"usuario": user.username if user else None, "correo": email}, "datos": {}}
    for entry in inventory():
        rows = [
            {"id": row.pk, **{name: _plain(getattr(row, name)) for name in entry.fields}}
            for row in _rows_for(entry, user=user, email=email)
        ]
        if rows:
            data["datos"][entry.label] = rows
    from hub.core.privacy_rights import export_extras

    data.update(export_extras(user))
    return data


def _erased_value(field):
    if isinstance(field, models.EmailField) or field.null is False:
        if field.blank:
            return ""
        return ERASED[: field.max_length] if getattr(field, "max_length", None) else ERASED
    return None


def person_erase(*, user=None, email: str = "", actor=None, report: dict | None = None) -> int:
    """Anonymise a person in every registered model in one transaction; returns the rows changed.

    The user account is kept (other rows point at it) but deactivated, renamed and left without a usable
    password. Saves run without the automatic audit (which would copy the erased values into the log); one
    explicit audit entry per row records that the erasure happened and who did it, and earlier audit entries
    of those rows lose the personal values they held.
    """
    from auditlog.context import disable_auditlog
    from auditlog.models import LogEntry

    email = (email or (user.email if user is not None else "")).strip()
    changed = 0
    from hub.core.privacy_rights import erase_extras, quoted_values

    quoted = quoted_values(user) if user is not None else [email] if email else []
    with transaction.atomic():
        targets = []
        for entry in inventory():
            for row in _rows_for(entry, user=user, email=email):
                targets.append((entry, row))
        with disable_auditlog():
            for entry, row in targets:
                for name in entry.fields:
                    field = row._meta.get_field(name)
                    setattr(row, name, _erased_value(field))
                if row._meta.label == "accounts.User":
                    row.username = f"anonimo-{row.pk}"
                    row.is_active = False
                    row.set_unusable_password()
                row.save()
                changed += 1
        for entry, row in targets:
            _scrub_history(row, entry.fields)
            LogEntry.objects.log_create(
                row,
                action=LogEntry.Action.UPDATE,
                changes={name: ["[dato personal]", ERASED] for name in entry.fields},
                actor=actor,
                force_log=True,
            )
        if user is not None:
            extras = erase_extras(user, values=quoted)
            if report is not None:  # what was done outside the registered fields, and texts left for review
                report.update(extras)
    return changed


def _scrub_history(row, fields) -> None:
    from auditlog.models import LogEntry

    for log in LogEntry.objects.get_for_object(row):
        changes = log.changes_dict
        if not any(name in changes for name in fields):
            continue
        for name in fields:
            if name in changes:
                changes[name] = [ERASED, ERASED]
        log.changes = changes
        log.object_repr = ERASED
        log.save(update_fields=["changes", "object_repr"])
