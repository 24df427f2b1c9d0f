"""Records of the pilots that count for the evaluation indicators (hub.core.registry.register_evidence)."""

from datetime import date, datetime, time

from django.utils import timezone

from hub.core.registry import Evidence

from .models import PilotStatus


def _implementation_starts(start: date, end: date) -> dict[int, date]:
    """{pilot id: date it entered «En implementación»} within [start, end] (from the transition log)."""
    from django.contrib.contenttypes.models import ContentType

    from hub.core.models import StateChange

    from .models import Pilot

    tz = timezone.get_current_timezone()
    rows = StateChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Pilot), field="status", to_state=PilotStatus.EN_IMPLEMENTACION,
        at__range=(timezone.make_aware(datetime.combine(start, time.min), tz),
                   timezone.make_aware(datetime.combine(end, time.max), tz)),
    ).values_list("object_id", "at")
    return {int(pk): timezone.localtime(at).date() for pk, at in rows}


def pilot_participation(start: date, end: date) -> list[Evidence]:
    """Each selected comuna of a pilot that started implementation in the period."""
    from .models import Candidate

    starts = _implementation_starts(start, end)
    rows = Candidate.objects.filter(pilot_id__in=starts, selected=True).select_related("pilot", "pilot__solution")
    return [
        Evidence(kind="pilot_participation", label=row.pilot.title, on=starts[row.pilot_id], cut=row.comuna_id,
                 work_line=getattr(row.pilot.solution, "work_line", "") or "",
                 challenge=getattr(row.pilot.solution, "challenge", "") or "", url=row.pilot.get_absolute_url())
        for row in rows
    ]


def pilot_results(start: date, end: date) -> list[Evidence]:
    """Each closed pilot in the period, with its label (éxito / aprendizaje) and its estimates."""
    from .models import Pilot

    tz = timezone.get_current_timezone()
    lo = timezone.make_aware(datetime.combine(start, time.min), tz)
    hi = timezone.make_aware(datetime.combine(end, time.max), tz)
    pilots = Pilot.objects.filter(status=PilotStatus.CERRADO, closed_at__range=(lo, hi)).select_related(
        "solution").prefetch_related("results")
    return [
        Evidence(kind="pilot_result", label=p.title, on=timezone.localtime(p.closed_at).date(),
                 work_line=getattr(p.solution, "work_line", "") or "",
                 challenge=getattr(p.solution, "challenge", "") or "", url=p.get_absolute_url(),
                 extra={"label": p.result_label,
                        "outcomes": [{"name": r.outcome_name, "effect": r.effect, "met": r.threshold_met}
                                     for r in p.results.all()]})
        for p in pilots
    ]
