"""Reads of the territory shared by pages, the API and other apps."""

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from hub.core.text import fold

from .models import Comuna, Region


def comuna_get(cut: str) -> Comuna:
    """The comuna with that CUT (region and province loaded), or the one 404 every page and the API give."""
    comuna = Comuna.objects.select_related("region", "province").filter(cut=str(cut).strip()).first()
    if comuna is None:
        raise Http404(_("No existe una comuna con el código CUT %(cut)s.") % {"cut": cut})
    return comuna


def comuna_search(*, q: str = "", region: str = "", typology: str = "") -> QuerySet[Comuna]:
    """Comunas matching a free-text query (accent- and case-insensitive), region and typology."""
    qs = Comuna.objects.select_related("region", "province")
    if q:
        term = fold(q)
        qs = qs.filter(Q(search_name__contains=term) | Q(cut=q.strip()))
    if region:
        qs = qs.filter(region_id=region)
    if typology:
        qs = qs.filter(typology=typology)
    return qs.order_by("search_name")


def territory_summary() -> dict:
    totals = Comuna.objects.aggregate(
        comunas=Count("cut"),
        population=Sum("population_2024"),
        members=Count("cut", filter=Q(is_amuch_member=True)),
    )
    totals["regions"] = Region.objects.count()
    return totals


def home_summary() -> dict:
    """The home page's figures (registered with hub.core.registry.register_home_context)."""
    return {"summary": territory_summary()}


def regions() -> QuerySet[Region]:
    return Region.objects.all()
