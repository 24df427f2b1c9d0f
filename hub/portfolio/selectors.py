"""Reads shared by the pages, the API and the comuna section; access control lives here, one place."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff

from .models import LibraryItem, Review, ServiceModel, Solution, SolutionStatus, Subscription

SOLUTION_FILTERS = ("work_line", "challenge", "kind", "typology")


# --- Solutions ------------------------------------------------------------------------------------------


def _solution_qs() -> QuerySet:
    return Solution.objects.select_related("owner_unit", "author", "subtheme").prefetch_related(
        Prefetch("service_models", queryset=ServiceModel.objects.order_by("typology"))
    )


def solutions_for_user(user) -> QuerySet:
    """Staff see every status; everyone else only published solutions."""
    if is_hub_staff(user):
        return _solution_qs()
    return _solution_qs().filter(status=SolutionStatus.PUBLISHED)


def access_solution(user, pk: int) -> Solution:
    solution = solutions_for_user(user).filter(pk=pk).first()
    if solution is None:
        raise Http404(_("No existe una solución publicada con ese número."))
    return solution


def solution_catalogue(*, filters: dict, queryset: QuerySet | None = None) -> QuerySet:
    """Published solutions filtered by line, challenge, kind and target typology."""
    qs = queryset if queryset is not None else _solution_qs().filter(status=SolutionStatus.PUBLISHED)
    for key in ("work_line", "challenge", "kind", "status"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    if filters.get("typology"):
        qs = qs.filter(service_models__typology=filters["typology"]).distinct()
    return qs.order_by("title")


def solution_reviews(solution: Solution) -> QuerySet:
    return Review.objects.filter(solution=solution).select_related("reviewer", "criterion")


# --- Library ----------------------------------------------------------------------------------------------


def library_items_for_user(user) -> QuerySet:
    """Library metadata is public to everyone; the file is what premium protects (see can_download)."""
    return LibraryItem.objects.all()


def access_library_item(user, pk: int) -> LibraryItem:
    item = library_items_for_user(user).prefetch_related("comunas", "regions").filter(pk=pk).first()
    if item is None:
        raise Http404(_("No existe un documento de la biblioteca con ese número."))
    return item


def is_subscriber(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Subscription.objects.filter(user=user, valid_until__gte=timezone.localdate()).exists()


def can_download(user, item: LibraryItem) -> bool:
    if not item.is_premium:
        return True
    if is_hub_staff(user):
        return True
    from hub.finance.membership import user_has_member_benefits

    # Officials of a member comuna (vigente or en gracia) inherit the premium library.
    if user_has_member_benefits(user):
        return True
    return is_subscriber(user)


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
