from django import template

register = template.Library()


@register.filter
def status_badge(status: str) -> str:
    return {
        "borrador": "badge",
        "firmado": "badge badge-ok",
        "vigente": "badge badge-ok",
        "finalizado": "badge",
        "terminado": "badge badge-danger",
        "formulacion": "badge",
        "en_ejecucion": "badge badge-ok",
        "cerrado": "badge",
        "cancelado": "badge badge-danger",
    }.get(status, "badge")
