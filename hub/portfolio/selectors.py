"""Reads shared by the pages, the API and the comuna section. Who may see what is decided in ``access.py``."""

from django.db.models import QuerySet

from .access import solutions_for_user
from .models import LibraryItem, Review, Solution

SOLUTION_FILTERS = ("work_line", "challenge", "kind", "typology")


# --- Solutions ------------------------------------------------------------------------------------------


def solution_catalogue(*, filters: dict, queryset: QuerySet | None = None) -> QuerySet:
    """Published solutions filtered by line, challenge, kind and target typology."""
    qs = queryset if queryset is not None else solutions_for_user(None)  # the public catalogue
    for key in ("work_line", "challenge", "kind", "status"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    if filters.get("typology"):
        qs = qs.filter(service_models__typology=filters["typology"]).distinct()
    return qs.order_by("title")


def solution_reviews(solution: Solution) -> QuerySet:
    return Review.objects.filter(solution=solution).select_related("reviewer", "criterion")


# --- Comuna page ---------------------------------------------------------------------------------------


def comuna_portfolio(comuna) -> dict:
    solutions = []
    if comuna.typology:
        solutions = list(
            solution_catalogue(filters={"typology": comuna.typology})
            .filter(service_models__typology=comuna.typology)[:10]
        )
    library = list(
        (LibraryItem.objects.filter(comunas=comuna) | LibraryItem.objects.filter(regions=comuna.region_id))
        .distinct()
        .order_by("-year", "title")[:10]
    )
    return {"comuna": comuna, "solutions": solutions, "library": library}
