from django.utils.translation import gettext_lazy as _


def comuna_section(request, comuna):
    """The comuna page's block: its municipality's public agreements and the projects in the comuna."""
    from .selectors import comuna_partnerships

    context = comuna_partnerships(request.user, comuna)
    if not context["agreements"] and not context["projects"]:
        return None
    return {
        "title": _("Convenios y proyectos colaborativos"),
        "template": "partners/_comuna_section.html",
        "context": context,
    }
