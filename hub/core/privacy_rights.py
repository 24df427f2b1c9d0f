"""The parts of a person's data that live outside the apps' own registered fields (Ley 21.719).

Export adds: every row of any model that points at the person's account (memberships of working groups,
enrolments, posts…, even where no field of it is personal by itself), the second-factor devices, the
person's own actions in the audit trail and her login history (django-axes). Erasure adds: the audit trail
(the actor's e-mail and address, the representation of her account, and any diff that quoted her name,
e-mail or phone), axes' logs for her username, her 2FA devices, and a list of free-text fields elsewhere
that still quote her, for staff to review (they are not rewritten blindly: a practice may quote a mayor
with the same name).

Tables: every model is either in the personal-data inventory, handled here, or declared in
``hub.core.privacy_tables.NO_PERSONAL_DATA`` with the reason; a test fails for any other table.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q

ERASED = "[eliminado]"
# Tables whose personal data this module exports and erases itself.
HANDLED_HERE = {
    "auditlog.logentry": "Registro de auditoría: se exportan las acciones de la persona y se borran sus rastros.",
    "axes.accessattempt": "Intentos de ingreso (usuario, IP, navegador): se exportan y se borran.",
    "axes.accesslog": "Historial de ingresos: se exporta y se borra.",
    "axes.accessfailurelog": "Ingresos fallidos: se exportan y se borran.",
    "axes.accessattemptexpiration": "Vencimiento de bloqueos; se borra con el intento.",
    "otp_totp.totpdevice": "Segundo factor (aplicación): se exporta su nombre y se borra.",
    "otp_static.staticdevice": "Códigos de recuperación: se borran.",
    "otp_static.statictoken": "Códigos de recuperación: se borran con su dispositivo.",
    "sessions.session": "Sesiones: caducan solas (8 horas); se borran al anonimizar la cuenta.",
}


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _user_fk_fields(model):
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [f for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.related_model is user_model]


def related_rows(user) -> dict[str, list[dict]]:
    """Every row of a hub.* model that points at the account, as id + text, grouped by table."""
    out: dict[str, list[dict]] = {}
    for model in apps.get_models():
        if not model.__module__.startswith("hub.") or model._meta.label == settings.AUTH_USER_MODEL:
            continue
        fields = _user_fk_fields(model)
        if not fields:
            continue
        condition = Q()
        for field in fields:
            condition |= Q(**{field.name: user})
        rows = [{"id": row.pk, "texto": str(row)[:300], "campos": [f.name for f in fields if
                                                                     getattr(row, f.attname) == user.pk]}
                for row in model._default_manager.filter(condition)[:2000]]
        if rows:
            out[model._meta.label] = rows
    return out


def export_extras(user) -> dict:
    if user is None:
        return {}
    data: dict = {"registros_vinculados": related_rows(user)}
    devices = []
    for label, kind in (("otp_totp.TOTPDevice", "aplicación de autenticación"),
                        ("otp_static.StaticDevice", "códigos de recuperación")):
        model = _model(label)
        if model is not None:
            devices += [{"tipo": kind, "nombre": d.name, "confirmado": d.confirmed}
                        for d in model.objects.filter(user=user)]
    data["segundo_factor"] = devices
    LogEntry = _model("auditlog.LogEntry")
    if LogEntry is not None:
        data["acciones_registradas"] = [
            {"fecha": e.timestamp.isoformat(), "accion": e.get_action_display(), "registro": e.object_repr[:200],
             "tabla": f"{e.content_type.app_label}.{e.content_type.model}"}
            for e in LogEntry.objects.filter(actor=user).select_related("content_type").order_by("timestamp")[:5000]
        ]
    AccessLog = _model("axes.AccessLog")
    if AccessLog is not None:
        data["historial_de_ingresos"] = [
            {"ingreso": a.attempt_time.isoformat(), "salida": a.logout_time.isoformat() if a.logout_time else None,
             "ip": a.ip_address, "navegador": a.user_agent[:200]}
            for a in AccessLog.objects.filter(username=user.username).order_by("attempt_time")[:5000]
        ]
    return data


def quoted_values(user, extra: list[str] = ()) -> list[str]:
    """The strings that identify the person in free text: full name, e-mail, phone-like fields."""
    values = [user.get_full_name(), user.email, getattr(user, "phone", ""), *extra]
    return sorted({v.strip() for v in values if v and len(v.strip()) >= 5}, key=len, reverse=True)


def erase_extras(user, *, values: list[str]) -> dict:
    """Erase the person's traces outside the registered fields; returns counts and rows left for review."""
    result = {"auditoria": 0, "ingresos": 0, "dispositivos": 0, "para_revisar": []}
    LogEntry = _model("auditlog.LogEntry")
    if LogEntry is not None:
        updates = {"remote_addr": None}
        if hasattr(LogEntry, "actor_email"):
            updates["actor_email"] = None
        result["auditoria"] += LogEntry.objects.filter(actor=user).update(**updates)
        user_model = apps.get_model(settings.AUTH_USER_MODEL)
        from django.contrib.contenttypes.models import ContentType

        result["auditoria"] += LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(user_model), object_pk=str(user.pk)
        ).update(object_repr=ERASED)
        # JSON diffs are stored with escaped accents on some engines, so the scan is done in Python (an erasure
        # is rare; the audit trail is read once, in chunks).
        for entry in LogEntry.objects.only("pk", "changes", "changes_text", "object_repr").iterator(chunk_size=2000):
            text = f"{entry.object_repr} {entry.changes_text} {entry.changes}"
            hits = [v for v in values if v in text]
            if not hits:
                continue
            for value in hits:
                entry.changes = _redact(entry.changes, value)
                entry.changes_text = (entry.changes_text or "").replace(value, ERASED)
                entry.object_repr = (entry.object_repr or "").replace(value, ERASED)
            entry.save(update_fields=["changes", "changes_text", "object_repr"])
            result["auditoria"] += 1
    for label in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"):
        model = _model(label)
        if model is not None:
            deleted, _ = model.objects.filter(username=user.username).delete()
            result["ingresos"] += deleted
    for label in ("otp_totp.TOTPDevice", "otp_static.StaticDevice"):
        model = _model(label)
        if model is not None:
            deleted, _ = model.objects.filter(user=user).delete()
            result["dispositivos"] += deleted
    result["para_revisar"] = free_text_mentions(values)
    return result


def _redact(changes, value):
    if isinstance(changes, dict):
        return {k: _redact(v, value) for k, v in changes.items()}
    if isinstance(changes, list):
        return [_redact(v, value) for v in changes]
    if isinstance(changes, str):
        return changes.replace(value, ERASED)
    return changes


def free_text_mentions(values: list[str]) -> list[dict]:
    """Rows of hub.* models whose free text still contains one of the values (for staff review)."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("hub."):
            continue
        text_fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.TextField)]
        if not text_fields:
            continue
        for value in values:
            condition = Q()
            for name in text_fields:
                condition |= Q(**{f"{name}__icontains": value})
            for row in model._default_manager.filter(condition)[:50]:
                found.append({"tabla": model._meta.label, "id": row.pk, "texto": str(row)[:120]})
    return found


def undeclared_tables() -> list[str]:
    """Tables that are neither in the inventory, handled here, nor declared free of personal data."""
    from hub.core.privacy import inventory
    from hub.core.privacy_tables import NO_PERSONAL_DATA

    covered = {entry.model._meta.label_lower for entry in inventory()} | set(HANDLED_HERE) | set(NO_PERSONAL_DATA)
    return sorted(m._meta.label_lower for m in apps.get_models()
                  if not m._meta.proxy and m._meta.label_lower not in covered)
