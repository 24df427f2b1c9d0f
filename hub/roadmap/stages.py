"""The eight stages of the Hub, word for word from the institutional document ("Las ocho etapas del Hub").

Each stage: the short name of the overview, the section title, the objective line under it, the
"Componentes principales" (name and text) and the RESULTADO. ``evidence`` says where on the platform each
component's records live (a URL name with optional query, resolved at render time; missing apps are skipped).
"""

from dataclasses import dataclass, field

PROCESS_NOTE = (
    "Cada etapa se construye sobre los resultados de la anterior. El proceso es acumulativo, no secuencial mecánico."
)


@dataclass(frozen=True)
class Component:
    name: str
    text: str
    evidence: tuple = ()  # ((label, url name, query string), ...)


@dataclass(frozen=True)
class StageDef:
    number: int
    name: str
    title: str
    objective: str
    components: tuple = field(default_factory=tuple)
    result: str = ""


STAGES = (
    StageDef(
        1,
        "Definición estratégica",
        "Definición estratégica",
        "Construir el documento fundacional que define qué es el Hub, para qué existe y a qué valor público apunta.",
        (
            Component(
                "Definición de propósito",
                "El Hub como plataforma de innovación, transferencia de capacidades y articulación institucional al "
                "servicio del sistema municipal chileno.",
                (("Presentación del Hub", "core:home", ""),),
            ),
            Component(
                "Alineamiento con visión institucional",
                "Inserción del Hub en la vocación de AMUCH como think tank y plataforma de liderazgo en la "
                "modernización del Estado local.",
                (("Presentación del Hub", "core:home", ""),),
            ),
            Component(
                "Identificación de problemas estructurales",
                "Seguridad, APS, capital humano, sostenibilidad ambiental, transformación digital.",
                (("Observatorio municipal", "observatory:indicator_list", ""),),
            ),
        ),
        "Documento marco del Hub que define su figura institucional, objetivos, alcance temático-territorial y "
        "propuesta de valor.",
    ),
    StageDef(
        2,
        "Integración del ecosistema",
        "Integración del ecosistema existente",
        "Ordenar y consolidar las capacidades que AMUCH ya ha desarrollado, hoy operando de manera fragmentada.",
        (
            Component(
                "Levantamiento de activos institucionales",
                "Observatorio de Seguridad, de APS, Centro de Riesgos, Centro de Innovación Local y otros centros "
                "temáticos vigentes.",
                (("Unidades del ecosistema", "portfolio:unit_list", ""),),
            ),
            Component(
                "Definición de gobernanza del ecosistema",
                "Articulación funcional bajo marco común con reglas claras de decisión, priorización y coordinación.",
                (("Mapa del ecosistema", "portfolio:ecosystem_map", ""),),
            ),
            Component(
                "Eliminación de duplicidades",
                "Corrección de duplicidades funcionales, vacíos temáticos y oportunidades de sinergia entre unidades "
                "existentes.",
                (("Matriz de duplicidades y vacíos", "portfolio:ecosystem_matrix", ""),),
            ),
        ),
        "Arquitectura institucional del Hub formalizada en mapa de unidades integradas, con sus misiones, productos "
        "y relaciones.",
    ),
    StageDef(
        3,
        "Modelo operativo",
        "Diseño del modelo operativo",
        "¿Cómo funciona el Hub día a día? Cinco líneas de trabajo que articulan investigación, formación y acción.",
        (
            Component(
                "Producción de conocimiento",
                "Estudios aplicados, diagnósticos territoriales, reportes sectoriales y análisis comparados.",
                (
                    ("Biblioteca", "portfolio:library_list", ""),
                    ("Soluciones de la línea", "portfolio:solution_list", "work_line=conocimiento"),
                ),
            ),
            Component(
                "Transferencia mediante formación",
                "Programas estructurados de capacitación, especialización y actualización profesional.",
                (
                    ("Formación", "training:index", ""),
                    ("Soluciones de la línea", "portfolio:solution_list", "work_line=formacion"),
                ),
            ),
            Component(
                "Innovación pública municipal",
                "Desarrollo y prototipado de soluciones organizacionales, metodológicas y tecnológicas.",
                (("Soluciones de la línea", "portfolio:solution_list", "work_line=innovacion"),),
            ),
            Component(
                "Asistencia técnica directa",
                "Acompañamiento profesional sostenido a procesos de transformación municipal.",
                (
                    ("Asistencia técnica", "assistance:index", ""),
                    ("Soluciones de la línea", "portfolio:solution_list", "work_line=asistencia"),
                ),
            ),
            Component(
                "Incidencia en política pública",
                "Articulación de evidencia con procesos legislativos y reglamentarios nacionales.",
                (
                    ("Incidencia", "agenda:index", ""),
                    ("Soluciones de la línea", "portfolio:solution_list", "work_line=incidencia"),
                ),
            ),
        ),
        "Modelo operativo del Hub con cinco líneas de trabajo, modelos de servicio diferenciados y cartera de "
        "programas evaluable.",
    ),
    StageDef(
        4,
        "Articulación multiactor",
        "Articulación multiactor",
        "Posicionar al Hub como plataforma nacional, no como iniciativa interna de AMUCH.",
        (
            Component(
                "Estado central",
                "SUBDERE, ministerios sectoriales, servicios públicos: articulación normativa, financiamiento y "
                "agendas.",
                (
                    ("Organizaciones", "partners:organization_list", "actor_type=estado_central"),
                    ("Convenios", "partners:agreement_list", ""),
                ),
            ),
            Component(
                "Municipios",
                "Asociados de AMUCH y otros gobiernos locales: usuarios y co-creadores de los servicios del Hub.",
                (
                    ("Organizaciones", "partners:organization_list", "actor_type=municipios"),
                    ("Mesas técnicas", "partners:group_list", ""),
                ),
            ),
            Component(
                "Academia",
                "Universidades, centros de investigación, postgrados: producción de conocimiento y validación.",
                (
                    ("Organizaciones", "partners:organization_list", "actor_type=academia"),
                    ("Proyectos colaborativos", "partners:project_list", ""),
                ),
            ),
            Component(
                "Sector privado y cooperación internacional",
                "OCDE, BID, GIZ, UE, fundaciones empresariales, consultoras: recursos, tecnología, experiencia "
                "comparada.",
                (
                    ("Organizaciones", "partners:organization_list", "actor_type=privado_cooperacion"),
                    ("Convenios", "partners:agreement_list", ""),
                ),
            ),
        ),
        "Red de colaboración activa, formalizada en convenios, mesas técnicas y proyectos colaborativos con actores "
        "comprometidos.",
    ),
    StageDef(
        5,
        "Desarrollo de soluciones",
        "Desarrollo de soluciones y programas",
        "Traducir capacidades y articulaciones en productos concretos que generen valor para los municipios.",
        (
            Component(
                "Diagnósticos aplicados",
                "A problemas específicos de gestión municipal o territorial, basados en evidencia.",
                (("Soluciones", "portfolio:solution_list", "kind=diagnostico"),),
            ),
            Component(
                "Protocolos de gestión municipal",
                "Sistematización de buenas prácticas para hacerlas replicables entre comunas.",
                (("Soluciones", "portfolio:solution_list", "kind=protocolo"),),
            ),
            Component(
                "Modelos replicables",
                "Validados en otros contextos municipales, escalables según tipología comunal.",
                (("Soluciones", "portfolio:solution_list", "kind=modelo"),),
            ),
            Component(
                "Programas de capacitación",
                "Seguridad municipal, IA aplicada, ciberseguridad, gestión digital y otras áreas prioritarias.",
                (("Soluciones", "portfolio:solution_list", "kind=capacitacion"), ("Formación", "training:index", "")),
            ),
            Component(
                "Herramientas tecnológicas",
                "Plataformas SaaS, observatorios de datos, tableros de gestión para soporte cotidiano.",
                (
                    ("Soluciones", "portfolio:solution_list", "kind=herramienta"),
                    ("Observatorio", "observatory:indicator_list", ""),
                ),
            ),
        ),
        "Portafolio de soluciones organizado por línea de trabajo y temática prioritaria, con criterios de calidad "
        "transversales.",
    ),
    StageDef(
        6,
        "Implementación piloto",
        "Implementación piloto",
        "Validar el modelo en terreno con un conjunto acotado de municipios antes de escalar a nivel nacional.",
        (
            Component(
                "Selección de municipios piloto",
                "Que refleje la heterogeneidad del sistema: metropolitanas, mayores, urbanas medianas, "
                "rurales/semiurbanas.",
                (("Pilotos", "pilots:index", ""),),
            ),
            Component(
                "Aplicación de programas",
                "En terreno, con protocolos claros, equipos asignados y compromisos formales con municipios "
                "participantes.",
                (("Pilotos", "pilots:index", ""),),
            ),
            Component(
                "Medición de resultados",
                "Indicadores de proceso y de resultado, diseñados previamente a la implementación.",
                (("Pilotos", "pilots:index", ""), ("Impacto", "evaluation:indicator_detail", "code=impacto")),
            ),
            Component(
                "Ajustes metodológicos",
                "Derivados del aprendizaje real, incorporados al diseño de los productos definitivos.",
                (("Pilotos", "pilots:index", ""),),
            ),
        ),
        "Casos de éxito documentados y aprendizaje institucional sistematizado, base para calibrar el modelo antes "
        "del escalamiento.",
    ),
    StageDef(
        7,
        "Escalamiento nacional",
        "Escalamiento nacional",
        "Consolidar al Hub como política institucional permanente de AMUCH y plataforma de referencia nacional.",
        (
            Component(
                "Replicación en municipios asociados",
                "Con la gradualidad y los apoyos que la diversidad del sistema municipal requiere.",
                (("Experiencias y replicaciones", "network:practice_list", ""),),
            ),
            Component(
                "Red de municipios usuarios",
                "Intercambio de experiencias y aprendizaje colectivo: la red es en sí misma un activo institucional.",
                (("Red de municipios", "network:overview", ""),),
            ),
            Component(
                "Difusión al ecosistema",
                "Parlamentarios, autoridades sectoriales, academia, prensa especializada y sociedad civil.",
                (("Red de municipios", "network:overview", ""), ("Biblioteca", "portfolio:library_list", "")),
            ),
            Component(
                "Posicionamiento público",
                "Presencia en debates de política pública, participación internacional, publicaciones y vínculos "
                "académicos.",
                (("Incidencia", "agenda:index", ""),),
            ),
        ),
        "Hub consolidado como plataforma nacional de referencia, con presencia activa en municipios, política "
        "pública y debate sectorial.",
    ),
    StageDef(
        8,
        "Evaluación y mejora continua",
        "Evaluación y mejora continua",
        "Asegurar sostenibilidad e impacto del Hub en el tiempo. La evaluación no cierra el proceso: lo retroalimenta.",
        (
            Component(
                "Indicador 1 — Cobertura",
                "Número de municipios beneficiados, desagregado por tipología comunal.",
                (("Cobertura", "evaluation:indicator_detail", "code=cobertura"),),
            ),
            Component(
                "Indicador 2 — Cartera",
                "Número y diversidad de programas implementados, con metas anuales de crecimiento.",
                (("Cartera", "evaluation:indicator_detail", "code=cartera"),),
            ),
            Component(
                "Indicador 3 — Impacto",
                "Mejoras en procesos municipales, ahorros, calidad de servicio, reducción de brechas territoriales.",
                (("Impacto", "evaluation:indicator_detail", "code=impacto"),),
            ),
            Component(
                "Indicador 4 — Articulación",
                "Cantidad y calidad de convenios, proyectos colaborativos y participación en agendas públicas.",
                (("Articulación", "evaluation:indicator_detail", "code=articulacion"),),
            ),
        ),
        "Sistema de mejora continua basado en evidencia, con indicadores claros, herramientas robustas y procesos "
        "institucionalizados de revisión.",
    ),
)

STAGE_BY_NUMBER = {s.number: s for s in STAGES}
