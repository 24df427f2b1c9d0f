"""Demo portfolio: ecosystem units, quality criteria, solutions in every status, library with real PDFs.

No public source lists AMUCH's units' products or the Hub's solutions, so all of this is demo content
(is_demo=True, badge on screen). Products are arranged so the matrix shows a duplication (two units
offering a diagnostic for security × knowledge), gaps and synergies. Idempotent on natural keys.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hub.accounts.models import Role, User
from hub.core.pdf import make_pdf
from hub.portfolio import services
from hub.portfolio.models import (
    EcosystemUnit,
    LibraryItem,
    QualityCriterion,
    Solution,
    SolutionStatus,
    Subscription,
    SubTheme,
    UnitProduct,
    UnitRelation,
    Verdict,
)

UNITS = [
    ("observatorio-seguridad", "Observatorio de Seguridad", "Obs. Seguridad",
     "Producir evidencia comunal sobre delitos, violencia e incivilidades para orientar la prevención local.",
     "Coordinación de Seguridad Municipal"),
    ("observatorio-aps", "Observatorio de APS", "Obs. APS",
     "Medir la gestión de la atención primaria municipal: dotación clínica, listas de espera e infraestructura.",
     "Coordinación de Salud Municipal"),
    ("centro-riesgos", "Centro de Riesgos", "C. Riesgos",
     "Anticipar y gestionar riesgos territoriales: emergencias, desastres y riesgos delictuales asociados.",
     "Dirección del Centro de Riesgos"),
    ("centro-innovacion-local", "Centro de Innovación Local", "C. Innovación",
     "Prototipar con los municipios soluciones organizacionales, metodológicas y tecnológicas.",
     "Dirección de Innovación"),
    ("centro-transformacion-digital", "Centro de Transformación Digital Municipal", "C. Digital",
     "Acompañar la modernización tecnológica, la ciberseguridad y los datos abiertos municipales.",
     "Jefatura de Transformación Digital"),
]

GOVERNANCE = (
    "Las decisiones de cartera se toman en el comité técnico del Hub, con acta pública.",
    "Se prioriza según demanda municipal, brecha medida en el Observatorio y tipología comunal.",
    "Reunión mensual de coordinación entre unidades; un solo responsable por producto compartido.",
)

PRODUCTS = [
    ("observatorio-seguridad", "Diagnóstico comunal de seguridad", "diagnostico", "conocimiento", "seguridad"),
    ("observatorio-seguridad", "Protocolo de coordinación con policías y fiscalía", "protocolo", "asistencia",
     "seguridad"),
    ("observatorio-seguridad", "Curso de seguridad municipal", "capacitacion", "formacion", "seguridad"),
    ("centro-riesgos", "Diagnóstico de riesgos delictuales y de desastres", "diagnostico", "conocimiento",
     "seguridad"),
    ("centro-riesgos", "Protocolo municipal de emergencias climáticas", "protocolo", "asistencia", "ambiental"),
    ("observatorio-aps", "Reporte sectorial de atención primaria", "diagnostico", "conocimiento", "aps"),
    ("observatorio-aps", "Tablero de listas de espera APS", "herramienta", "conocimiento", "aps"),
    ("centro-innovacion-local", "Laboratorio de prototipos para CESFAM", "modelo", "innovacion", "aps"),
    ("centro-innovacion-local", "Kit de datos abiertos municipales", "herramienta", "innovacion", "digital"),
    ("centro-transformacion-digital", "Programa de ciberseguridad municipal", "capacitacion", "formacion",
     "digital"),
    ("centro-transformacion-digital", "Propuesta de reglamento de datos abiertos locales", "modelo", "incidencia",
     "digital"),
]

RELATIONS = [
    ("observatorio-seguridad", "centro-riesgos", "provee_datos", "Series comunales de delitos y victimización."),
    ("centro-riesgos", "observatorio-seguridad", "coordina", "Alertas tempranas compartidas."),
    ("observatorio-aps", "centro-innovacion-local", "provee_datos", "Brechas de APS que orientan prototipos."),
    ("centro-innovacion-local", "centro-transformacion-digital", "coproduce", "Herramientas tecnológicas."),
    ("centro-transformacion-digital", "observatorio-aps", "coordina", "Interoperabilidad de datos de salud."),
]

CRITERIA = [
    ("pertinencia-territorial", "Pertinencia territorial", "Distingue qué cambia según la tipología comunal."),
    ("evidencia", "Basada en evidencia", "Cita fuentes públicas y datos con año."),
    ("replicabilidad", "Replicabilidad", "Puede aplicarse en otra comuna sin rediseño completo."),
    ("costos", "Costos y sostenibilidad claros", "Indica equipo, plazos y costo estimado para el municipio."),
]

SUBTHEMES = [
    ("seguridad", "Prevención situacional"),
    ("aps", "Listas de espera"),
    ("digital", "Ciberseguridad municipal"),
    ("ambiental", "Gestión de residuos"),
]

SERVICE_TEXT = {
    "metropolitanas": "Implementación con equipo municipal propio y coordinación intercomunal en la conurbación.",
    "mayores": "Equipo municipal dedicado; el Hub acompaña el primer ciclo y forma a los referentes.",
    "urbanas_medianas": "Versión acotada: un referente municipal y asistencia remota mensual del Hub.",
    "rurales_semiurbanas": "Versión liviana, en terreno y asociativa entre comunas vecinas; sin exigir equipo "
                           "dedicado ni conectividad permanente.",
}

# title, summary, line, challenge, kind, unit, typologies, target status
SOLUTIONS = [
    ("Diagnóstico participativo de seguridad comunal", "Método para levantar en seis semanas el mapa de "
     "problemas de seguridad de la comuna con vecinos y policías.", "conocimiento", "seguridad", "diagnostico",
     "observatorio-seguridad", ["metropolitanas", "mayores", "urbanas_medianas", "rurales_semiurbanas"],
     SolutionStatus.PUBLISHED),
    ("Protocolo de gestión de listas de espera en APS", "Protocolo para priorizar, contactar y depurar las "
     "listas de espera de la atención primaria municipal.", "asistencia", "aps", "protocolo", "observatorio-aps",
     ["mayores", "urbanas_medianas", "rurales_semiurbanas"], SolutionStatus.PUBLISHED),
    ("Programa de ciberseguridad para funcionarios municipales", "Formación de 20 horas en higiene digital, "
     "respaldo y respuesta a incidentes.", "formacion", "digital", "capacitacion", "centro-transformacion-digital",
     ["metropolitanas", "mayores", "urbanas_medianas", "rurales_semiurbanas"], SolutionStatus.PUBLISHED),
    ("Modelo de gestión de residuos con reciclaje inclusivo", "Modelo replicable de recolección diferenciada "
     "con recicladores de base.", "innovacion", "ambiental", "modelo", "centro-riesgos",
     ["urbanas_medianas", "rurales_semiurbanas"], SolutionStatus.PUBLISHED),
    ("Tablero municipal de datos abiertos", "Herramienta para publicar datos municipales con licencia abierta.",
     "innovacion", "digital", "herramienta", "centro-innovacion-local", ["metropolitanas", "mayores"],
     SolutionStatus.IN_REVIEW),
    ("Plan de retención de talento municipal", "Guía para reducir la rotación de profesionales en municipios.",
     "asistencia", "capital_humano", "protocolo", "centro-innovacion-local", ["urbanas_medianas",
                                                                             "rurales_semiurbanas"],
     "observed"),
    ("Prototipo de agenda digital para CESFAM", "Prototipo de agendamiento telefónico y web para CESFAM.",
     "innovacion", "aps", "herramienta", "centro-innovacion-local", ["mayores"], SolutionStatus.DRAFT),
    ("Mapa de riesgos de incendios forestales 2019", "Cartografía de riesgo de incendios para comunas de "
     "interfaz, reemplazada por una versión actualizada.", "conocimiento", "ambiental", "diagnostico",
     "centro-riesgos", ["rurales_semiurbanas"], SolutionStatus.RETIRED),
]

# title, kind, authors, year, line, challenge, comunas, regions, premium, summary
LIBRARY = [
    ("Gestión municipal de la seguridad pública: estudio aplicado", "estudio", "Equipo Observatorio de Seguridad",
     2025, "conocimiento", "seguridad", ["13120"], [], False,
     "Estudio sobre cómo las municipalidades organizan la gestión de la seguridad pública local."),
    ("Diagnóstico territorial de Temuco: atención primaria", "diagnostico", "Observatorio de APS", 2024,
     "conocimiento", "aps", ["09101"], [], False,
     "Diagnóstico de la red de atención primaria municipal y sus brechas de dotación."),
    ("Reporte sectorial de residuos sólidos domiciliarios", "reporte", "Centro de Riesgos", 2024,
     "conocimiento", "ambiental", [], ["13"], False,
     "Reporte sobre la gestión de residuos en comunas de la Región Metropolitana."),
    ("Análisis comparado de gobierno digital local", "comparado", "Centro de Transformación Digital", 2023,
     "incidencia", "digital", [], [], True,
     "Comparación de estrategias de transformación digital municipal en América Latina y la OCDE."),
    ("Protocolo de coordinación ante emergencias", "protocolo", "Centro de Riesgos", 2025, "asistencia",
     "seguridad", [], ["09"], False, "Protocolo de coordinación municipal ante emergencias y desastres."),
    ("Capital humano municipal: retención y atracción", "publicacion", "Hub Nacional de Gobierno Local", 2025,
     "formacion", "capital_humano", [], [], True,
     "Publicación sobre la gestión de personas en municipios: rotación, atracción y formación."),
    ("Gestión de listas de espera en Ñuñoa", "estudio", "Observatorio de APS", 2023, "asistencia", "aps",
     ["13120"], [], False, "Estudio de caso de la gestión de listas de espera en atención primaria."),
    ("Ciberseguridad en municipios pequeños", "reporte", "Centro de Transformación Digital", 2025, "formacion",
     "digital", [], [], False, "Reporte de incidentes y capacidades de ciberseguridad en comunas rurales."),
]


def _user(username: str, first: str, last: str) -> User:
    # A second Hub staff member is needed: nobody may approve their own solution.
    user, created = User.objects.get_or_create(
        username=username, defaults={"role": Role.HUB_STAFF, "first_name": first, "last_name": last, "is_staff": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _units(stdout) -> dict[str, EcosystemUnit]:
    units = {}
    for slug, name, short, mission, responsible in UNITS:
        units[slug], _ = EcosystemUnit.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name, "short_name": short, "mission": mission, "responsible": responsible,
                "governance_decision": GOVERNANCE[0], "governance_prioritization": GOVERNANCE[1],
                "governance_coordination": GOVERNANCE[2], "is_demo": True,
            },
        )
    for slug, name, kind, line, challenge in PRODUCTS:
        UnitProduct.objects.get_or_create(
            unit=units[slug], name=name,
            defaults={"kind": kind, "work_line": line, "challenge": challenge, "is_demo": True},
        )
    for source, target, kind, description in RELATIONS:
        UnitRelation.objects.get_or_create(
            source=units[source], target=units[target], kind=kind,
            defaults={"description": description, "is_demo": True},
        )
    stdout.write(f"Portafolio demo: {len(units)} unidades del ecosistema.")
    return units


def _approve_all(solution, reviewer, criteria, comment="Cumple."):
    services.solution_review(
        acting_user=reviewer, solution=solution, verdicts={c.pk: (Verdict.APPROVED, comment) for c in criteria}
    )


def _solutions(stdout, units, author, reviewer) -> None:
    criteria = list(QualityCriterion.objects.filter(is_active=True))
    created = 0
    for title, summary, line, challenge, kind, unit, typologies, target in SOLUTIONS:
        if Solution.objects.filter(title=title).exists():
            continue
        solution = services.solution_create(
            acting_user=author,
            data={"title": title, "summary": summary, "description": summary, "work_line": line,
                  "challenge": challenge, "kind": kind, "owner_unit": units[unit]},
            service_models={t: SERVICE_TEXT[t] for t in typologies},
            is_demo=True,
        )
        created += 1
        if target == SolutionStatus.DRAFT:
            continue
        services.solution_submit(acting_user=author, solution=solution)
        if target == "observed":
            services.solution_review(
                acting_user=reviewer, solution=solution,
                verdicts={criteria[0].pk: (Verdict.APPROVED, "Bien diferenciada por tipología."),
                          criteria[-1].pk: (Verdict.OBSERVED, "Falta el costo estimado para el municipio.")},
            )
            continue
        if target == SolutionStatus.IN_REVIEW:
            services.solution_review(
                acting_user=reviewer, solution=solution, verdicts={criteria[0].pk: (Verdict.APPROVED, "Cumple.")}
            )
            continue
        _approve_all(solution, reviewer, criteria)
        services.solution_publish(acting_user=reviewer, solution=solution)
        if target == SolutionStatus.RETIRED:
            services.solution_retire(acting_user=reviewer, solution=solution)
    stdout.write(f"Portafolio demo: {created} soluciones nuevas ({Solution.objects.count()} en total).")


def _library(stdout, author) -> None:
    from hub.territory.models import Comuna, Region

    created = 0
    for title, kind, authors, year, line, challenge, cuts, regions, premium, summary in LIBRARY:
        if LibraryItem.objects.filter(title=title).exists():
            continue
        pdf = make_pdf(title, [f"{authors}, {year}.", summary, "Documento de demostración generado por el Hub."])
        services.library_item_create(
            acting_user=author,
            data={"title": title, "kind": kind, "authors": authors, "year": year, "work_line": line,
                  "challenge": challenge, "is_premium": premium, "summary": summary,
                  "licence": "Uso restringido a suscriptores" if premium else "CC BY 4.0"},
            upload=SimpleUploadedFile("documento.pdf", pdf, content_type="application/pdf"),
            comunas=list(Comuna.objects.filter(cut__in=cuts)),
            regions=list(Region.objects.filter(code__in=regions)),
            is_demo=True,
        )
        created += 1
    stdout.write(f"Biblioteca demo: {created} documentos nuevos con PDF ({LibraryItem.objects.count()} en total).")


def load(stdout):
    for challenge, name in SUBTHEMES:
        SubTheme.objects.get_or_create(challenge=challenge, name=name, defaults={"is_demo": True})
    for order, (code, name, description) in enumerate(CRITERIA):
        QualityCriterion.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "order": order, "is_demo": True}
        )
    units = _units(stdout)
    author = User.objects.filter(username="equipo").first() or _user("equipo", "Equipo", "Hub (demo)")
    reviewer = _user("revisora", "Revisora", "Calidad (demo)")
    _solutions(stdout, units, author, reviewer)
    _library(stdout, author)
    subscriber = User.objects.filter(username="funcionaria.nunoa").first()
    if subscriber:
        Subscription.objects.get_or_create(
            user=subscriber,
            defaults={"valid_until": timezone.localdate() + datetime.timedelta(days=365), "is_demo": True},
        )
