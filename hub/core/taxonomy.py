"""Reference lists of the institutional document, word for word.

These codes are the stable keys that every app stores; labels are the document's own words
(translated to English through i18n). Nobody renames or deletes them through the UI.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Challenge(models.TextChoices):
    """Cinco desafíos prioritarios del Estado local."""

    SEGURIDAD = "seguridad", _("Seguridad pública municipal")
    APS = "aps", _("Atención primaria de salud")
    CAPITAL_HUMANO = "capital_humano", _("Capital humano municipal")
    AMBIENTAL = "ambiental", _("Sostenibilidad ambiental")
    DIGITAL = "digital", _("Transformación digital")


class WorkLine(models.TextChoices):
    """Cinco líneas de trabajo del modelo operativo (etapa 3)."""

    CONOCIMIENTO = "conocimiento", _("Producción de conocimiento")
    FORMACION = "formacion", _("Transferencia mediante formación")
    INNOVACION = "innovacion", _("Innovación pública municipal")
    ASISTENCIA = "asistencia", _("Asistencia técnica directa")
    INCIDENCIA = "incidencia", _("Incidencia en política pública")


class SolutionKind(models.TextChoices):
    """Cinco tipos de solución (etapa 5)."""

    DIAGNOSTICO = "diagnostico", _("Diagnósticos aplicados")
    PROTOCOLO = "protocolo", _("Protocolos de gestión municipal")
    MODELO = "modelo", _("Modelos replicables")
    CAPACITACION = "capacitacion", _("Programas de capacitación")
    HERRAMIENTA = "herramienta", _("Herramientas tecnológicas")


class Stage(models.IntegerChoices):
    """Las ocho etapas del Hub."""

    DEFINICION = 1, _("Definición estratégica")
    ECOSISTEMA = 2, _("Integración del ecosistema")
    MODELO_OPERATIVO = 3, _("Modelo operativo")
    ARTICULACION = 4, _("Articulación multiactor")
    SOLUCIONES = 5, _("Desarrollo de soluciones")
    PILOTO = 6, _("Implementación piloto")
    ESCALAMIENTO = 7, _("Escalamiento nacional")
    EVALUACION = 8, _("Evaluación y mejora continua")


class EvaluationIndicator(models.TextChoices):
    """Cuatro indicadores de evaluación (etapa 8)."""

    COBERTURA = "cobertura", _("Cobertura")
    CARTERA = "cartera", _("Cartera")
    IMPACTO = "impacto", _("Impacto")
    ARTICULACION = "articulacion", _("Articulación")


class FinancialPrinciple(models.TextChoices):
    """Cinco principios rectores del modelo financiero."""

    DIVERSIFICACION = "diversificacion", _("Diversificación")
    RECURRENCIA = "recurrencia", _("Recurrencia")
    COHERENCIA = "coherencia", _("Coherencia con la misión")
    TRANSPARENCIA = "transparencia", _("Transparencia")
    SUBSIDIARIEDAD = "subsidiariedad", _("Subsidiariedad")


class RevenueLine(models.IntegerChoices):
    """Las nueve líneas de ingreso del Hub."""

    MEMBRESIAS = 1, _("Membresías y aportes asociativos")
    FORMACION = 2, _("Formación y certificación")
    ASISTENCIA = 3, _("Asistencia técnica especializada")
    ESTUDIOS = 4, _("Estudios e inteligencia aplicada")
    SAAS = 5, _("Plataformas tecnológicas (SaaS)")
    COOPERACION = 6, _("Cooperación internacional")
    AUSPICIOS = 7, _("Auspicios y patrocinios")
    EVENTOS = 8, _("Eventos, congresos y premios")
    PUBLICACIONES = 9, _("Publicaciones y contenidos premium")


# Descriptions shown on the home page, from the document.
CHALLENGE_DESCRIPTIONS = {
    Challenge.SEGURIDAD: _("Coordinación con autoridades, observatorios territoriales, prevención local."),
    Challenge.APS: _("Gestión sanitaria local, capital humano clínico, infraestructura APS."),
    Challenge.CAPITAL_HUMANO: _("Modernización de la gestión, retención y atracción de talento público."),
    Challenge.AMBIENTAL: _("Gestión territorial, cambio climático local, residuos y conservación."),
    Challenge.DIGITAL: _("Modernización tecnológica, ciberseguridad municipal, datos abiertos."),
}

PILLARS = [
    (
        _("Innovación"),
        _("Generar conocimiento aplicado, modelos replicables y soluciones concretas para los desafíos del "
          "Estado local."),
    ),
    (
        _("Transferencia de capacidades"),
        _("Convertir el conocimiento en formación, asistencia técnica y acompañamiento sostenido a los "
          "municipios."),
    ),
    (
        _("Articulación institucional"),
        _("Vincular Estado central, municipios, academia, sector privado y cooperación internacional en "
          "proyectos colaborativos."),
    ),
]
