"""Search providers for the apps that existed before the site search: each returns only what the visitor
may see (published solutions and practices, public agreements, public indicators). New modules register their
own provider with ``hub.core.registry.register_search`` from their AppConfig.ready()."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from hub.core.registry import SearchHit, register_search

from .folding import folded_contains, snippet


def _model(label):
    app_label, name = label.split(".")
    return apps.get_model(app_label, name) if apps.is_installed(f"hub.{app_label}") else None


def comunas(q, user, limit):
    Comuna = _model("territory.Comuna")
    rows = folded_contains(Comuna.objects.select_related("region"), ["name"], q).order_by("name")[:limit]
    return [SearchHit(str(_("Comunas")), c.name, c.get_absolute_url(), f"{c.region.name} · CUT {c.cut}") for c in rows]


def indicators(q, user, limit):
    Indicator = _model("observatory.Indicator")
    qs = Indicator.objects.filter(is_public=True)
    rows = folded_contains(qs, ["name_es", "name_en", "definition"], q).order_by("name_es")[:limit]
    from django.urls import reverse

    return [
        SearchHit(str(_("Indicadores")), i.name_es, reverse("observatory:indicator_detail", args=[i.code]),
                  snippet(i.definition, q))
        for i in rows
    ]


def solutions(q, user, limit):
    Solution = _model("portfolio.Solution")
    qs = Solution.objects.filter(status="publicada")
    rows = folded_contains(qs, ["title", "summary", "description"], q).order_by("title")[:limit]
    return [SearchHit(str(_("Soluciones")), s.title, s.get_absolute_url(), snippet(s.summary, q)) for s in rows]


def library(q, user, limit):
    LibraryItem = _model("portfolio.LibraryItem")
    rows = folded_contains(LibraryItem.objects.all(), ["title", "summary"], q).order_by("-pk")[:limit]
    return [SearchHit(str(_("Biblioteca")), i.title, i.get_absolute_url(), snippet(i.summary, q)) for i in rows]


def practices(q, user, limit):
    Practice = _model("network.Practice")
    qs = Practice.objects.filter(status="publicada")
    fields = [f for f in ("title", "summary", "description", "problem") if _has(Practice, f)]
    rows = folded_contains(qs, fields, q).order_by("title")[:limit]
    return [SearchHit(str(_("Experiencias")), p.title, p.get_absolute_url(),
                      snippet(getattr(p, fields[1]) if len(fields) > 1 else "", q)) for p in rows]


def agreements(q, user, limit):
    Agreement = _model("partners.Agreement")
    from hub.partners.models import PUBLISHED_STATUSES

    qs = Agreement.objects.filter(status__in=PUBLISHED_STATUSES)
    fields = [f for f in ("title", "objective", "summary") if _has(Agreement, f)]
    rows = folded_contains(qs, fields, q).order_by("title")[:limit]
    return [SearchHit(str(_("Convenios")), a.title, a.get_absolute_url(),
                      snippet(getattr(a, fields[1]) if len(fields) > 1 else "", q)) for a in rows]


def organizations(q, user, limit):
    Organization = _model("partners.Organization")
    rows = folded_contains(Organization.objects.all(), ["name", "short_name"], q).order_by("name")[:limit]
    return [SearchHit(str(_("Organizaciones")), o.name, o.get_absolute_url(), o.get_actor_type_display())
            for o in rows]


def events(q, user, limit):
    Event = _model("network.Event")
    rows = folded_contains(Event.objects.all(), ["title", "description"], q).order_by("-pk")[:limit]
    return [SearchHit(str(_("Eventos")), e.title, e.get_absolute_url(), snippet(e.description, q)) for e in rows]


def _has(model, name) -> bool:
    try:
        model._meta.get_field(name)
        return True
    except Exception:  # noqa: BLE001 - FieldDoesNotExist; the provider adapts to the model it finds
        return False


PROVIDERS = [comunas, indicators, solutions, library, practices, agreements, organizations, events]
REQUIRES = {comunas: "territory.Comuna", indicators: "observatory.Indicator", solutions: "portfolio.Solution",
            library: "portfolio.LibraryItem", practices: "network.Practice", agreements: "partners.Agreement",
            organizations: "partners.Organization", events: "network.Event"}


def register_all() -> None:
    for provider in PROVIDERS:
        if _model(REQUIRES[provider]) is not None:
            register_search(provider)
