from django import template

register = template.Library()


@register.simple_tag
def audit_entries(obj):
    """The auditlog entries of an object, newest first (for the admin's history page)."""
    from auditlog.models import LogEntry

    if obj is None:
        return LogEntry.objects.none()
    return LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")
