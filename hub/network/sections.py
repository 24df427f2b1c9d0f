"""The block this app adds to the comuna page: what the comuna shares and what it replicates."""

from django.utils.translation import gettext as _


def comuna_network_section(request, comuna):
    from .selectors import comuna_network_summary

    summary = comuna_network_summary(comuna)
    return {"title": _("Red de municipios"), "template": "network/_comuna_section.html", "context": summary}
