"""Who sees and who changes the portfolio: the one place that decides.

Reading: the public sees published solutions (a draft, one in review or a retired one is a 404 for
them); Hub staff sees every status. Library metadata is public to everyone; the file of a premium
document is for staff and current subscribers (``can_download``).
Writing: solutions, sub-themes and the library are curated by Hub staff; a reviewer must not be the
solution's author (that rule, and what makes a solution publishable, live in ``services``).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff

from .models import LibraryItem, ServiceModel, Solution, SolutionStatus, Subscription

# Writing ----------------------------------------------------------------------------------------------------------


def can_manage_portfolio(user) -> bool:
    """Solutions, sub-themes, reviews and the library are the Hub team's work."""
    return is_hub_staff(user)


def require_manage_portfolio(user) -> None:
    if not can_manage_portfolio(user):
        raise PermissionDenied(_("Solo el equipo del Hub gestiona soluciones y la biblioteca."))


# Solutions --------------------------------------------------------------------------------------------------------


def _solution_qs() -> QuerySet[Solution]:
    return Solution.objects.select_related("owner_unit", "author", "subtheme").prefetch_related(
        Prefetch("service_models", queryset=ServiceModel.objects.order_by("typology"))
    )


def solutions_for_user(user) -> QuerySet[Solution]:
    """Staff see every status; everyone else only published solutions."""
    if is_hub_staff(user):
        return _solution_qs()
    return _solution_qs().filter(status=SolutionStatus.PUBLISHED)


def access_solution(user, pk: int, *, write: bool = False) -> Solution:
    solution = solutions_for_user(user).filter(pk=pk).first()
    if solution is None:
        raise Http404(_("No existe una solución publicada con ese número."))
    if write:
        require_manage_portfolio(user)
    return solution


# Library ----------------------------------------------------------------------------------------------------------


def library_items_for_user(user) -> QuerySet[LibraryItem]:
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
