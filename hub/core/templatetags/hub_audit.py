from django import template

register = template.Library()


@register.simple_tag
def audit_entries(obj):
    """The auditlog entries of an object, newest first (for the admin's history page)."""
    from auditlog.models import LogEntry

    if obj is None:
        return LogEntry.objects.none()
    return LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")


@register.filter
def audit_changes(entry) -> list[tuple[str, str]]:
    """(field, "old → new") pairs; many-to-many changes read "add: a, b" or "delete: c"."""
    rows = []
    for field, values in (entry.changes_dict or {}).items():
        if isinstance(values, dict):
            objects = ", ".join(str(item) for item in values.get("objects", []))
            rows.append((field, f"{values.get('operation', '')}: {objects}"))
        elif isinstance(values, list | tuple) and len(values) == 2:
            rows.append((field, f"{values[0]} → {values[1]}"))
        else:
            rows.append((field, str(values)))
    return rows
