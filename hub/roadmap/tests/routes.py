"""Who may use each URL of the roadmap: the stages and decisions are public; every write is Hub staff."""

from testkit.routes import PUBLIC, STAFF_ONLY, Route

MAKERS = "María Pérez, presidenta\nJuan Soto, director ejecutivo"


def stage_in_progress(personas):
    from hub.roadmap.models import StageState

    StageState.objects.update_or_create(stage=1, defaults={"status": "en_curso"})
    return {"number": 1}


def stage_not_started(personas):
    from hub.roadmap.models import StageState

    StageState.objects.filter(stage=1).delete()
    return {"number": 1}


MATRIX = [
    Route("roadmap:index"),
    Route("roadmap:stage_detail", kwargs={"number": 2}),
    Route("roadmap:stage_start", access=STAFF_ONLY, method="POST", kwargs=stage_not_started),
    Route(
        "roadmap:gate_decide",
        access=STAFF_ONLY,
        method="POST",
        kwargs=stage_in_progress,
        data={"decision": "retener", "confidence": "ambar", "decision_makers": MAKERS, "evidence": "Acta"},
    ),
    Route(
        "roadmap:criterion_attest",
        access=STAFF_ONLY,
        method="POST",
        kwargs={"number": 1},
        data={"criterion": "1.documento", "met": "on", "document_url": "https://amuch.cl/marco.pdf"},
    ),
    Route("api:roadmap_stages", access=PUBLIC),
    Route("api:roadmap_stage", access=PUBLIC, kwargs={"number": 3}),
]
