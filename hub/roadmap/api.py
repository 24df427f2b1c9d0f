"""Open data of the roadmap: the eight stages word for word, their exit criteria as checked now, and the
gate decisions (decision, date, decision-makers, confidence)."""

from django.http import Http404
from ninja import Path, Router, Schema

from .selectors import component_links, roadmap_summary
from .stages import STAGE_BY_NUMBER

router = Router(tags=["Hoja de ruta"])


class StageOut(Schema):
    number: int
    name: str
    title: str
    objective: str
    result: str
    status: str
    status_label: str
    progress: float | None
    criteria_met: int
    criteria_total: int
    required_unmet: list[str]
    regressed: bool
    at_risk_from: list[int]
    criteria: list[dict]
    decisions: list[dict]
    components: list[dict]


def _stage(row: dict) -> dict:
    stage = STAGE_BY_NUMBER[row["number"]]
    return {**row, "objective": stage.objective, "result": stage.result, "components": component_links(stage.number)}


@router.get("/stages", response=list[StageOut], summary="Las ocho etapas con sus criterios y decisiones")
def roadmap_stages(request):
    return [_stage(row) for row in roadmap_summary()["stages"]]


@router.get("/stages/{number}", response=StageOut, summary="Una etapa")
def roadmap_stage(request, number: int = Path(..., ge=1, le=8)):
    if number not in STAGE_BY_NUMBER:
        raise Http404
    return _stage(roadmap_summary()["stages"][number - 1])
