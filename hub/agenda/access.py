"""Who may see and change what in incidencia y posicionamiento.

Reading: the agenda, the Hub's positions, its participation in public agendas and its public positioning are
public (they are the Hub's own public record). Writing: Hub staff only.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from hub.core.access import is_hub_staff

from .models import AgendaItem, EvidenceLink, Participation, Position


def items_for_user(user) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.prefetch_related("challenges")


def access_item(user, pk, *, write: bool = False) -> AgendaItem:
    item = (
        items_for_user(user)
        .prefetch_related(
            Prefetch("positions", queryset=Position.objects.select_related("library_item")),
            Prefetch("evidence", queryset=EvidenceLink.objects.select_related("indicator", "library_item")),
            Prefetch("participations", queryset=Participation.objects.select_related("network")),
        )
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404(_("No existe un tema de la agenda con ese número."))
    if write and not can_edit_agenda(user):
        raise PermissionDenied(_("Solo el equipo del Hub puede editar la agenda de incidencia."))
    return item


def can_edit_agenda(user) -> bool:
    return bool(is_hub_staff(user))


def require_agenda_editor(user) -> None:
    if not can_edit_agenda(user):
        raise PermissionDenied(_("Solo el equipo del Hub puede registrar la incidencia y el posicionamiento."))
