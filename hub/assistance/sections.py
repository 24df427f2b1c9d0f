from django.utils.translation import gettext_lazy as _


def comuna_section(request, comuna):
    """The comuna page's block: its engagements (all to its officials and staff, published ones to others)."""
    from .selectors import comuna_engagements

    rows = comuna_engagements(request.user, comuna)
    if not rows:
        return None
    return {"title": _("Asistencia técnica"), "template": "assistance/_comuna_section.html",
            "context": {"assistance_rows": rows}}
