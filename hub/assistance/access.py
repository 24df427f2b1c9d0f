"""Who may see and change what in asistencia técnica: querysets, access_<thing>() and can_<verb>_<thing>().

A request and its engagement are private to the client comuna's officials and Hub staff: anyone else gets
a 404, so its existence is not revealed. Published final reports are public through their own pages.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff, user_comuna_cuts

from .models import Engagement, EngagementStatus, Proposal, ProposalStatus

PUBLISHABLE_STATES = [EngagementStatus.INFORME_FINAL, EngagementStatus.EN_SEGUIMIENTO, EngagementStatus.CERRADA]


def engagements_for_user(user):
    if is_hub_staff(user):
        return Engagement.objects.all()
    cuts = user_comuna_cuts(user)
    if cuts:
        return Engagement.objects.filter(comuna_id__in=cuts)
    return Engagement.objects.none()


def published_engagements():
    return Engagement.objects.filter(report_published=True, status__in=PUBLISHABLE_STATES)


def is_client_official(user, engagement: Engagement) -> bool:
    return bool(engagement.comuna_id) and engagement.comuna_id in user_comuna_cuts(user)


def can_view_engagement(user, engagement: Engagement) -> bool:
    return is_hub_staff(user) or is_client_official(user, engagement)


def can_manage_engagement(user, engagement: Engagement) -> bool:
    """Hub staff run the engagement: scoping, proposals, milestones, report."""
    return is_hub_staff(user)


def can_act_as_client(user, engagement: Engagement) -> bool:
    """The client's decisions (accept a proposal or milestone, approve a scope change, publish, survey):
    the comuna's officials, or staff on behalf of a client organisation."""
    return is_client_official(user, engagement) or is_hub_staff(user)


def can_decide_as_client(user, engagement: Engagement) -> bool:
    """The client's own decisions (accept or reject a proposal or a milestone, publish, answer the survey):
    a comuna's officials decide for their comuna; staff decide only on behalf of a client organisation."""
    if engagement.comuna_id:
        return is_client_official(user, engagement)
    return is_hub_staff(user)


def can_decide_scope_change(user, change) -> bool:
    """The other party decides: the client when the Hub asked, the Hub when the client asked."""
    engagement = change.engagement
    if not engagement.comuna_id:
        return is_hub_staff(user)
    requested_by_hub = change.requested_by is not None and change.requested_by.is_hub_staff
    return is_client_official(user, engagement) if requested_by_hub else is_hub_staff(user)


def can_create_request(user, comuna=None) -> bool:
    if is_hub_staff(user):
        return True
    return comuna is not None and comuna.cut in user_comuna_cuts(user)


def access_engagement(user, engagement_id: int, *, write: bool = False, client: bool = False,
                      decide: bool = False) -> Engagement:
    engagement = (
        Engagement.objects.select_related("comuna__region", "client_organization", "agreement", "requested_by")
        .filter(pk=engagement_id)
        .first()
    )
    if engagement is None or not can_view_engagement(user, engagement):
        raise Http404(_("No existe una asistencia técnica con ese número a la que usted tenga acceso."))
    if client and not can_act_as_client(user, engagement):
        raise PermissionDenied(_("Solo el cliente o el equipo del Hub puede tomar esta decisión."))
    if decide and not can_decide_as_client(user, engagement):
        raise PermissionDenied(_("Esta decisión le corresponde al cliente (los funcionarios de la comuna); el equipo "
                                 "del Hub decide solo a nombre de organizaciones cliente."))
    if write and not can_manage_engagement(user, engagement):
        raise PermissionDenied(_("Solo el equipo del Hub puede modificar esta asistencia técnica."))
    return engagement


def access_proposal(user, proposal_id: int, *, write: bool = False) -> Proposal:
    proposal = Proposal.objects.select_related("engagement").filter(pk=proposal_id).first()
    if proposal is None or not can_view_engagement(user, proposal.engagement):
        raise Http404(_("No existe una propuesta con ese número a la que usted tenga acceso."))
    if proposal.status == ProposalStatus.BORRADOR and not is_hub_staff(user):
        raise Http404(_("No existe una propuesta con ese número a la que usted tenga acceso."))
    if write and not can_manage_engagement(user, proposal.engagement):
        raise PermissionDenied(_("Solo el equipo del Hub puede modificar una propuesta."))
    return proposal


def access_published_engagement(engagement_id: int) -> Engagement:
    engagement = published_engagements().select_related("comuna__region", "client_organization").filter(
        pk=engagement_id
    ).first()
    if engagement is None:
        raise Http404(_("No existe un informe publicado con ese número."))
    return engagement
