from testkit.routes import AUTHENTICATED, Route

MATRIX = [
    Route("dashboard:start", access=AUTHENTICATED, note="Cada rol ve su propio inicio."),
    Route("dashboard:badge", access=AUTHENTICATED, note="Cuenta de pendientes de la propia persona."),
]
