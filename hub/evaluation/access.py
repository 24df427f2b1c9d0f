"""Who may see and change what in evaluación: querysets, access_<thing>() and can_<verb>_<thing>().

The four indicators, the methodology and the published annual reports are public. Periods, corrections,
the agreement rubric and report generation are Hub staff. A comuna's value report is seen by its officials
and by staff (anyone else gets a 404: whether a comuna has a report is not public).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff, is_official_of_comuna

from .models import AnnualReport, Period


def can_manage_evaluation(user) -> bool:
    return is_hub_staff(user)


def require_staff(user) -> None:
    if not can_manage_evaluation(user):
        raise PermissionDenied(_("Solo el equipo del Hub puede administrar la evaluación."))


def can_see_value_report(user, comuna) -> bool:
    if is_hub_staff(user):
        return True
    return bool(getattr(user, "is_authenticated", False) and is_official_of_comuna(user, comuna))


def access_value_report(user, cut: str):
    from hub.territory.models import Comuna

    comuna = Comuna.objects.filter(cut=cut).select_related("region").first()
    if comuna is None or not can_see_value_report(user, comuna):
        raise Http404
    return comuna


def reports_for_user(user):
    return AnnualReport.objects.all()


def access_report(user, pk: int) -> AnnualReport:
    return get_object_or_404(reports_for_user(user), pk=pk)


def access_period(user, pk: int, *, write: bool = False) -> Period:
    if write:
        require_staff(user)
    return get_object_or_404(Period, pk=pk)
