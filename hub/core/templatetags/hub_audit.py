from django import template
from django.core.exceptions import FieldDoesNotExist

register = template.Library()

# auditlog's own action names are English; the trail speaks Spanish.
ACTIONS = {0: "Creó", 1: "Modificó", 2: "Eliminó", 3: "Consultó"}
# Bookkeeping fields whose changes say nothing to a person reading the trail.
NOISE = {"updated_at", "modified", "last_login", "password", "search_vector", "search_document"}


@register.simple_tag
def audit_entries(obj):
    """The auditlog entries of an object, newest first (for the admin's history page)."""
    from auditlog.models import LogEntry

    if obj is None:
        return LogEntry.objects.none()
    return LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")


@register.filter
def audit_action(entry) -> str:
    return ACTIONS.get(entry.action, entry.get_action_display())


def _label(model, name: str) -> str:
    if model is None:
        return name
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    label = getattr(field, "verbose_name", None) or getattr(field.related_model._meta, "verbose_name_plural", name)
    return str(label).capitalize()


@register.filter
def audit_changes(entry) -> list[tuple[str, str]]:
    """(field label, "old → new") pairs without bookkeeping noise; many-to-many read "agregó: a, b"."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    rows = []
    for field, values in (entry.changes_dict or {}).items():
        if field in NOISE:
            continue
        label = _label(model, field)
        if isinstance(values, dict):
            objects = ", ".join(str(item) for item in values.get("objects", []))
            verb = {"add": "agregó", "delete": "quitó", "clear": "vació"}.get(values.get("operation", ""), "")
            rows.append((label, f"{verb}: {objects}"))
        elif isinstance(values, list | tuple) and len(values) == 2:
            old, new = ("—" if v in (None, "None", "") else v for v in values)
            rows.append((label, f"{old} → {new}"))
        else:
            rows.append((label, str(values)))
    return rows


@register.inclusion_tag("core/audit_link.html", takes_context=True)
def audit_link(context, obj):
    """For staff, a link from any audited record to its audit trail; nothing for everyone else."""
    user = context.get("user")
    show = bool(obj is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_hub_staff", False))
    meta = obj._meta if show else None
    return {"show": show, "app_label": meta.app_label if meta else "", "model": meta.model_name if meta else "",
            "pk": obj.pk if show else ""}
