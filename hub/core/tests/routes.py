"""Who may use the core's own routes: home, language switch, API schema and docs, admin, audit, privacy."""

from testkit.routes import STAFF_ONLY, Route


def _set_language_data(personas):
    return {"language": "es", "next": "/"}


# The core's own routes: the home page, the language switch, the API's schema and docs, the Django admin,
# and the staff tools for the audit trail and the personal-data inventory (Ley 21.719).
MATRIX = [
    Route("healthz", note="Sonda de vida del balanceador: no expone datos."),
    Route("readyz", note="Sonda de disponibilidad: nombra solo qué chequeo falla."),
    Route("core:home"),
    Route("set_language", method="POST", data=_set_language_data, note="Cambia el idioma de la sesión."),
    Route("api:openapi-json"),
    Route("api:openapi-view"),
    Route("api:api-root", skip_check="Ruta interna de Ninja: responde 404 sin contenido; no expone nada."),
    Route("admin:index", access=STAFF_ONLY, note="El admin envía al ingreso del Hub; sin is_staff, 403."),
    Route(
        "admin:*",
        access=STAFF_ONLY,
        skip_check="Cada vista del admin exige is_staff y permisos del modelo; admin:index se verifica.",
    ),
    Route("core:audit_object", access=STAFF_ONLY, kwargs=lambda p: {
        "app_label": "accounts", "model": "user", "pk": p["official_a"].pk}),
    Route("core:privacy_inventory", access=STAFF_ONLY),
    Route("core:privacy_export", access=STAFF_ONLY, method="POST", data={"email": "nadie@example.cl"},
          note="La persona se indica en un formulario POST, nunca en la URL."),
    Route("core:privacy_erase", access=STAFF_ONLY, method="POST",
          kwargs=lambda p: {"pk": p["partner"].pk}, data={},
          note="Sin confirmación no anonimiza: el equipo ve el formulario de nuevo."),
]
