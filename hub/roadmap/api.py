from ninja import Router

router = Router(tags=["Hoja de ruta"])
