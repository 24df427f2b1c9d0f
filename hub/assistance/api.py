from ninja import Router

router = Router(tags=["Asistencia técnica"])
