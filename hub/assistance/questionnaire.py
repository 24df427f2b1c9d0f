"""The client's self-assessment (LGA "position statement"): a short declarative question list per challenge.

Each question is (key, text, kind) where kind is "scale" (1 to 5: 1 = no existe, 5 = consolidado) or "text".
The answers are stored on the engagement as {key: value}; the questions themselves are code, not data.
"""

from django.utils.translation import gettext_lazy as _

from hub.core.taxonomy import Challenge

SCALE = "scale"
TEXT = "text"
SCALE_CHOICES = [
    (1, _("1 · No existe")),
    (2, _("2 · Incipiente")),
    (3, _("3 · En desarrollo")),
    (4, _("4 · Instalado")),
    (5, _("5 · Consolidado")),
]

COMMON = [
    ("prioridad", _("¿Por qué este problema es prioritario hoy para el municipio?"), TEXT),
    ("liderazgo", _("Respaldo de la autoridad y de la dirección municipal al cambio"), SCALE),
    ("datos", _("Disponibilidad de datos para medir el problema"), SCALE),
]

QUESTIONS = {
    Challenge.SEGURIDAD: [
        ("plan_comunal", _("Plan comunal de seguridad pública vigente y con metas"), SCALE),
        ("consejo", _("Funcionamiento del consejo comunal de seguridad pública"), SCALE),
        ("coordinacion", _("Coordinación con Carabineros, PDI y Fiscalía"), SCALE),
    ],
    Challenge.APS: [
        ("listas_espera", _("Gestión de listas de espera y agenda en los CESFAM"), SCALE),
        ("red", _("Coordinación con el servicio de salud y la red hospitalaria"), SCALE),
        ("dotacion", _("Suficiencia de la dotación de atención primaria"), SCALE),
    ],
    Challenge.CAPITAL_HUMANO: [
        ("perfiles", _("Perfiles de cargo y descripción de funciones actualizados"), SCALE),
        ("capacitacion", _("Plan anual de capacitación ligado a brechas"), SCALE),
        ("evaluacion", _("Evaluación del desempeño útil para decidir"), SCALE),
    ],
    Challenge.AMBIENTAL: [
        ("residuos", _("Gestión y valorización de residuos domiciliarios"), SCALE),
        ("certificacion", _("Avance en la certificación ambiental municipal (SCAM)"), SCALE),
        ("riesgo", _("Planificación frente a riesgos climáticos"), SCALE),
    ],
    Challenge.DIGITAL: [
        ("tramites", _("Trámites municipales disponibles en línea"), SCALE),
        ("interoperabilidad", _("Interoperabilidad de los sistemas municipales"), SCALE),
        ("ciberseguridad", _("Gestión de la ciberseguridad y la protección de datos"), SCALE),
    ],
}

CLOSING = [("apoyo_esperado", _("¿Qué espera del Hub al final de la asistencia?"), TEXT)]


def questions_for(challenge: str) -> list[tuple[str, object, str]]:
    return [*COMMON, *QUESTIONS.get(challenge, []), *CLOSING]
