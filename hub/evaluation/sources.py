"""Evidence from the apps that already exist (network, partners, portfolio), read-only, registered in ready().

Modules written later (training, assistance, pilots, finance, agenda) register their own sources through
``hub.core.registry``; the engine counts whatever is registered, once per comuna / programme / agreement.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.core.registry import Evidence, ValueItem

# List prices used to estimate the value of services for the per-member report (CLP, non-member price).
# An estimate: the report says so next to every figure.
LIST_PRICES = {
    "event_seat": 45_000,
    "replication_support": 350_000,
    "working_group_seat": 60_000,
}


def _replication_date(r) -> datetime.date:
    return r.end_date or r.start_date or r.created_at.date()


def _implemented_replications(start, end):
    from hub.network.models import Replication, ReplicationStatus

    qs = Replication.objects.filter(status=ReplicationStatus.IMPLEMENTED).select_related(
        "practice", "solution", "comuna"
    )
    return [r for r in qs if start <= _replication_date(r) <= end]


def _replication_label(r) -> str:
    thing = r.solution.title if r.solution_id else r.practice.title
    return f"Replicación de «{thing}» en {r.comuna.name}"


def replications_cobertura(start, end) -> list[Evidence]:
    return [
        Evidence(
            kind="replication",
            label=_replication_label(r),
            on=_replication_date(r),
            cut=r.comuna_id,
            challenge=(r.solution.challenge if r.solution_id else r.practice.challenge),
            url=(r.practice.get_absolute_url() if r.practice_id else r.solution.get_absolute_url()),
        )
        for r in _implemented_replications(start, end)
    ]


def replications_cartera(start, end) -> list[Evidence]:
    """A replicated practice or solution is a programme implemented; the same solution counts once."""
    out = []
    for r in _implemented_replications(start, end):
        if r.solution_id:
            key, thing = f"solution:{r.solution_id}", r.solution
            work_line, challenge, url = thing.work_line, thing.challenge, thing.get_absolute_url()
        else:
            key, thing = f"practice:{r.practice_id}", r.practice
            work_line, challenge, url = "innovacion", thing.challenge, thing.get_absolute_url()
        out.append(
            Evidence(
                kind="replication",
                label=thing.title,
                on=_replication_date(r),
                cut=r.comuna_id,
                work_line=work_line,
                challenge=challenge,
                url=url,
                extra={"key": key},
            )
        )
    return out


def published_solutions_cartera(start, end) -> list[Evidence]:
    from hub.portfolio.models import Solution, SolutionStatus

    out = []
    for s in Solution.objects.filter(status=SolutionStatus.PUBLISHED, published_at__isnull=False).order_by("pk"):
        on = s.published_at.date()
        if start <= on <= end:
            out.append(
                Evidence(
                    kind="solution_published",
                    label=s.title,
                    on=on,
                    work_line=s.work_line,
                    challenge=s.challenge,
                    url=s.get_absolute_url(),
                    extra={"key": f"solution:{s.pk}"},
                )
            )
    return out


def _signed_agreements(start, end):
    from hub.partners.access import published_agreements

    out = []
    for a in published_agreements().select_related("quality").prefetch_related("parties__organization"):
        on = a.signed_on or a.start_date
        if start <= on <= end:
            out.append((a, on))
    return out


def agreements_cobertura(start, end) -> list[Evidence]:
    from hub.partners.models import ActorType

    out = []
    for a, on in _signed_agreements(start, end):
        for party in a.parties.all():
            org = party.organization
            if org.actor_type == ActorType.MUNICIPIOS and org.comuna_id:
                out.append(
                    Evidence(kind="agreement_signed", label=a.title, on=on, cut=org.comuna_id, url=a.get_absolute_url())
                )
    return out


def _quality_score(agreement) -> int | None:
    try:
        return agreement.quality.score
    except Exception:  # no rubric recorded yet (RelatedObjectDoesNotExist)
        return None


def agreements_articulacion(start, end) -> list[Evidence]:
    """One record per (agreement, actor type of its parties); the engine counts each agreement once in total."""
    out = []
    for a, on in _signed_agreements(start, end):
        score = _quality_score(a)
        for actor_type in sorted({p.organization.actor_type for p in a.parties.all()}):
            out.append(
                Evidence(
                    kind="agreement_signed",
                    label=a.title,
                    on=on,
                    actor_type=actor_type,
                    url=a.get_absolute_url(),
                    extra={"key": f"agreement:{a.pk}", "score": score, "category": "agreements"},
                )
            )
    return out


def projects_articulacion(start, end) -> list[Evidence]:
    from hub.partners.models import Project, ProjectStatus

    out = []
    qs = Project.objects.filter(status__in=[ProjectStatus.EN_EJECUCION, ProjectStatus.CERRADO]).order_by("pk")
    for p in qs:
        p_start = p.start_date or start
        p_end = p.end_date or end
        if p_start <= end and p_end >= start:
            out.append(
                Evidence(
                    kind="project",
                    label=p.name,
                    on=max(p_start, start),
                    url=reverse("partners:project_detail", args=[p.pk]),
                    extra={"key": f"project:{p.pk}", "category": "projects"},
                )
            )
    return out


def projects_cobertura(start, end) -> list[Evidence]:
    """A comuna taking part in a collaborative project running in the period (active participation)."""
    from hub.partners.models import Project, ProjectStatus

    out = []
    qs = Project.objects.filter(status__in=[ProjectStatus.EN_EJECUCION, ProjectStatus.CERRADO]).prefetch_related(
        "comunas"
    )
    for p in qs.order_by("pk"):
        p_start, p_end = p.start_date or start, p.end_date or end
        if p_start <= end and p_end >= start:
            for comuna in p.comunas.all():
                out.append(
                    Evidence(
                        kind="project_participation",
                        label=p.name,
                        on=max(p_start, start),
                        cut=comuna.cut,
                        url=reverse("partners:project_detail", args=[p.pk]),
                    )
                )
    return out


def sessions_articulacion(start, end) -> list[Evidence]:
    from hub.partners.models import WorkingGroupSession

    qs = WorkingGroupSession.objects.filter(date__range=(start, end)).select_related("group").order_by("date", "pk")
    return [
        Evidence(
            kind="working_group_session",
            label=f"{s.group.name}: {s.title or s.date.strftime('%d-%m-%Y')}",
            on=s.date,
            url=reverse("partners:group_detail", args=[s.group_id]),
            extra={"key": f"session:{s.pk}", "category": "sessions"},
        )
        for s in qs
    ]


# --- Per-member value -----------------------------------------------------------------------------------------


def network_member_value(comuna, start, end) -> list[ValueItem]:
    from hub.network.models import Registration, RegistrationStatus, ReplicationStatus

    seats = Registration.objects.filter(
        comuna=comuna,
        status=RegistrationStatus.CONFIRMED,
        event__starts_at__date__range=(start, end),
    ).count()
    replications = comuna.replications.filter(
        status__in=[ReplicationStatus.IMPLEMENTING, ReplicationStatus.IMPLEMENTED]
    ).count()
    items = []
    if seats:
        items.append(
            ValueItem(
                "event_seat",
                str(_("Cupos en eventos de la red")),
                seats,
                LIST_PRICES["event_seat"],
                reverse("network:overview"),
            )
        )
    if replications:
        items.append(
            ValueItem(
                "replication_support",
                str(_("Acompañamiento de replicaciones")),
                replications,
                LIST_PRICES["replication_support"],
                reverse("network:practice_list"),
            )
        )
    return items


def register_all() -> None:
    from hub.core.registry import register_evidence, register_member_value

    register_evidence("cobertura", "replication", _("Replicaciones implementadas"), replications_cobertura)
    register_evidence("cobertura", "agreement_signed", _("Convenios firmados con municipios"), agreements_cobertura)
    register_evidence(
        "cartera", "solution_published", _("Soluciones publicadas del portafolio"), published_solutions_cartera
    )
    register_evidence("cartera", "replication", _("Prácticas y soluciones replicadas"), replications_cartera)
    register_evidence("articulacion", "agreement_signed", _("Convenios firmados"), agreements_articulacion)
    register_evidence("articulacion", "project", _("Proyectos colaborativos"), projects_articulacion)
    register_evidence("articulacion", "working_group_session", _("Sesiones de mesas técnicas"), sessions_articulacion)
    register_evidence(
        "cobertura", "project_participation", _("Participación en proyectos colaborativos"), projects_cobertura
    )
    register_member_value(network_member_value)
