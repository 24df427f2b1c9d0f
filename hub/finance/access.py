"""Who may see and change what in membresía y finanzas: querysets, access_<thing>() and can_<verb>_<thing>().

Public: approved fee scales (with each comuna's fee and the population used) and the income aggregates of the
transparency page. Officials: the membership state of their own comunas. Everything else (revenue records,
reviews, licences, drafts of scales, memberships of other comunas, every write) is Hub staff only.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff, is_official_of_comuna

from .models import FeeScale, Membership, RevenueRecord, SaasLicence, ScaleStatus


def can_manage_finance(user) -> bool:
    return bool(is_hub_staff(user))


def require_finance_staff(user) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Ingrese con una cuenta del equipo del Hub."))
    if not can_manage_finance(user):
        raise PermissionDenied(_("Solo el equipo del Hub gestiona membresías e ingresos."))


def fee_scales_for_user(user):
    if is_hub_staff(user):
        return FeeScale.objects.all()
    return FeeScale.objects.filter(status=ScaleStatus.APROBADA)


def access_fee_scale(user, pk: int, *, write: bool = False) -> FeeScale:
    scale = fee_scales_for_user(user).filter(pk=pk).first()
    if scale is None:
        raise Http404(_("No existe una escala de cuotas publicada con ese número."))
    if write:
        require_finance_staff(user)
    return scale


def can_see_membership(user, comuna) -> bool:
    if is_hub_staff(user):
        return True
    if is_official_of_comuna(user, comuna):
        return True
    return False


def access_membership_comuna(user, cut: str, *, write: bool = False):
    """The comuna whose membership page is asked for: staff, or an official of that comuna (read only)."""
    from hub.territory.models import Comuna

    comuna = Comuna.objects.select_related("region").filter(cut=cut).first()
    if comuna is None or not can_see_membership(user, comuna):
        raise Http404(_("No existe esa comuna o no puede ver su membresía."))
    if write:
        require_finance_staff(user)
    return comuna


def access_membership(user, pk: int, *, write: bool = False) -> Membership:
    membership = Membership.objects.select_related("comuna").filter(pk=pk).first()
    if membership is None or not can_see_membership(user, membership.comuna):
        raise Http404(_("No existe esa membresía."))
    if write:
        require_finance_staff(user)
    return membership


def revenue_for_user(user):
    if not can_manage_finance(user):
        return RevenueRecord.objects.none()
    return RevenueRecord.objects.all()


def access_revenue(user, pk: int, *, write: bool = False) -> RevenueRecord:
    require_finance_staff(user)
    record = revenue_for_user(user).filter(pk=pk).first()
    if record is None:
        raise Http404(_("No existe ese ingreso."))
    return record


def licences_for_user(user):
    if not can_manage_finance(user):
        return SaasLicence.objects.none()
    return SaasLicence.objects.all()


def access_licence(user, pk: int, *, write: bool = False) -> SaasLicence:
    require_finance_staff(user)
    licence = licences_for_user(user).filter(pk=pk).first()
    if licence is None:
        raise Http404(_("No existe esa licencia."))
    return licence
