"""The block this app adds to each comuna page: solutions for its typology and library items about it."""

from django.utils.translation import gettext_lazy as _


def comuna_section(request, comuna):
    from .selectors import comuna_portfolio

    return {
        "title": _("Soluciones y conocimiento para esta comuna"),
        "template": "portfolio/_comuna_section.html",
        "context": comuna_portfolio(comuna),
    }
