"""Demo network: practices, replications, an event that is full, and an award. No public source has them.

Idempotent on natural keys (practice title, replication practice × comuna, event title, award name × year).
Practices of Ñuñoa and Temuco are authored by the demo officials of hub/accounts/demo.py when they exist.
"""

import datetime

from django.utils import timezone

from hub.accounts.models import User
from hub.core.text import fold
from hub.network.models import (
    Award,
    AwardCategory,
    Event,
    EventKind,
    Nomination,
    Practice,
    PracticeStatus,
    Registration,
    RegistrationStatus,
    Replication,
)
from hub.network.services import registration_fee
from hub.territory.models import Comuna

AUTHORS = {"13120": "funcionaria.nunoa", "09101": "funcionario.temuco"}

# title, comuna CUT, challenge, status, cost CLP, problem, solution, results
PRACTICES = [
    ("Reciclaje de orgánicos casa a casa", "13120", "ambiental", PracticeStatus.PUBLISHED, 48_000_000,
     "Los residuos orgánicos eran más de la mitad de la basura domiciliaria y encarecían la disposición final.",
     "Entrega de composteras y retiro semanal de orgánicos en barrios piloto, con monitores vecinales.",
     "Menos toneladas enviadas a relleno en los barrios piloto y vecinos capacitados en compostaje."),
    ("Ventanilla única digital de trámites", "09101", "digital", PracticeStatus.PUBLISHED, 35_000_000,
     "Los vecinos debían ir varias veces al municipio para trámites simples y perdían horas de trabajo.",
     "Portal único con formularios en línea, firma electrónica y seguimiento del estado del trámite.",
     "La mayoría de los permisos simples se resuelve sin ir al municipio."),
    ("Consejos vecinales de seguridad con datos", "05101", "seguridad", PracticeStatus.PUBLISHED, 12_000_000,
     "Las juntas de vecinos no tenían información para priorizar acciones de prevención.",
     "Mesas barriales mensuales con mapas de denuncias y compromisos de seguimiento.",
     "Acciones de prevención acordadas y revisadas cada mes en cada barrio participante."),
    ("Telemedicina en postas rurales", "08101", "aps", PracticeStatus.PUBLISHED, 60_000_000,
     "Pacientes de sectores rurales viajaban horas para controles de crónicos.",
     "Teleconsulta desde postas rurales con apoyo de técnicos de enfermería y especialistas del CESFAM.",
     "Menos traslados para controles de pacientes crónicos."),
    ("Academia municipal de liderazgo", "02101", "capital_humano", PracticeStatus.PUBLISHED, None,
     "Alta rotación de jefaturas y pocas oportunidades de formación interna.",
     "Programa anual de formación en liderazgo con mentores de otros municipios.",
     "Jefaturas formadas y un plan de sucesión para cargos críticos."),
    ("Puntos limpios móviles", "10101", "ambiental", PracticeStatus.PUBLISHED, 22_000_000,
     "Los puntos limpios fijos quedaban lejos de los sectores periféricos.",
     "Camión punto limpio con calendario mensual por sector y reciclaje de vidrio, latas y cartón.",
     ""),
    ("Gestión de listas de espera en CESFAM", "13120", "aps", PracticeStatus.IN_REVIEW, 8_000_000,
     "Las listas de espera se gestionaban en planillas sin priorización.",
     "Registro único con priorización clínica y aviso por SMS al paciente.",
     ""),
    ("Datos abiertos del presupuesto municipal", "09101", "digital", PracticeStatus.DRAFT, None,
     "La ciudadanía no entendía cómo se gastaba el presupuesto municipal.",
     "Publicación mensual del presupuesto en formatos abiertos con visualizaciones simples.",
     ""),
]

# practice title, replicating comuna CUT, status, start, end
REPLICATIONS = [
    ("Reciclaje de orgánicos casa a casa", "09101", "implementada", (2024, 3, 1), (2025, 2, 28)),
    ("Reciclaje de orgánicos casa a casa", "05101", "en_implementacion", (2025, 4, 1), None),
    ("Reciclaje de orgánicos casa a casa", "08101", "interes", None, None),
    ("Reciclaje de orgánicos casa a casa", "13101", "implementada", (2023, 9, 1), (2024, 8, 31)),
    ("Ventanilla única digital de trámites", "13120", "en_implementacion", (2025, 1, 15), None),
    ("Ventanilla única digital de trámites", "02101", "interes", None, None),
    ("Ventanilla única digital de trámites", "10101", "abandonada", (2024, 5, 1), (2024, 11, 30)),
    ("Consejos vecinales de seguridad con datos", "13120", "implementada", (2024, 6, 1), (2025, 5, 31)),
    ("Telemedicina en postas rurales", "09101", "en_implementacion", (2025, 3, 1), None),
    ("Puntos limpios móviles", "04101", "interes", None, None),
]

EVENT_TITLE = "Congreso Nacional de Innovación Municipal"
AWARD_NAME = "Premio Red de Municipios"


def _author(cut):
    return User.objects.filter(username=AUTHORS.get(cut)).first()


def _load_practices():
    comunas = Comuna.objects.in_bulk(list({p[1] for p in PRACTICES} | {r[1] for r in REPLICATIONS}))
    now = timezone.now()
    practices = {}
    for index, (title, cut, challenge, status, cost, problem, solution, results) in enumerate(PRACTICES):
        comuna = comunas[cut]
        practice, _ = Practice.objects.get_or_create(
            title=title,
            defaults={
                "comuna": comuna,
                "challenge": challenge,
                "status": status,
                "cost_clp": cost,
                "problem": problem,
                "solution": solution,
                "results": results,
                "contact_name": f"Unidad de innovación de {comuna.name}",
                "contact_email": f"innovacion.{cut}@example.cl",
                "author": _author(cut),
                "submitted_at": now if status != PracticeStatus.DRAFT else None,
                "published_at": (
                    now - datetime.timedelta(days=30 * index) if status == PracticeStatus.PUBLISHED else None
                ),
                "search_text": fold(" ".join([title, problem, solution, comuna.name])),
                "is_demo": True,
            },
        )
        practices[title] = practice
    for title, cut, status, start, end in REPLICATIONS:
        Replication.objects.get_or_create(
            practice=practices[title],
            comuna=comunas[cut],
            defaults={
                "status": status,
                "start_date": datetime.date(*start) if start else None,
                "end_date": datetime.date(*end) if end else None,
                "results": "Resultados en seguimiento." if status != "interes" else "",
                "lessons": "Adaptar el calendario a la realidad local." if status == "implementada" else "",
                "is_demo": True,
            },
        )
    return practices


def _load_event():
    # 09:00 local time (America/Santiago), not 09:00 UTC.
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(days=45)
    event, _ = Event.objects.get_or_create(
        title=EVENT_TITLE,
        defaults={
            "kind": EventKind.CONGRESS,
            "description": "Encuentro anual de la red: experiencias, talleres y entrega del premio.",
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=8),
            "place": "Centro de eventos, Santiago",
            "online_url": "https://example.cl/transmision",
            "capacity": 6,
            "fee_member_clp": 60_000,
            "fee_non_member_clp": 120_000,
            "is_demo": True,
        },
    )
    people = [
        ("Carolina Rojas", "13120"), ("Matías Soto", "09101"), ("Fernanda Muñoz", "05101"),
        ("Javier Contreras", "08101"), ("Daniela Silva", "02101"), ("Tomás Díaz", "10101"),
        ("Valentina Pérez", "04101"), ("Ignacio Morales", "13101"),
    ]
    comunas = Comuna.objects.in_bulk([cut for _, cut in people])
    for index, (name, cut) in enumerate(people):
        status = RegistrationStatus.CONFIRMED if index < event.capacity else RegistrationStatus.WAITING
        email = f"{name.split()[0].lower()}.demo@example.cl"
        Registration.objects.get_or_create(
            event=event,
            email=email,
            defaults={
                "name": name,
                "comuna": comunas[cut],
                "status": status,
                "fee_clp": registration_fee(event=event, comuna=comunas[cut]),
                "is_demo": True,
            },
        )
    return event


def _load_award(event, practices):
    award, _ = Award.objects.get_or_create(
        name=AWARD_NAME,
        year=timezone.now().year,
        defaults={"description": "Reconoce experiencias municipales publicadas y replicadas en la red.",
                  "event": event, "is_demo": True},
    )
    categories = {
        "Sostenibilidad ambiental": ("ambiental", ["Reciclaje de orgánicos casa a casa", "Puntos limpios móviles"]),
        "Transformación digital": ("digital", ["Ventanilla única digital de trámites"]),
    }
    for name, (challenge, titles) in categories.items():
        category, _ = AwardCategory.objects.get_or_create(award=award, name=name, defaults={"challenge": challenge})
        for index, title in enumerate(titles):
            Nomination.objects.get_or_create(
                category=category,
                practice=practices[title],
                defaults={"is_winner": index == 0 and challenge == "ambiental", "is_demo": True},
            )


def _load_solution_replication():
    """One comuna implementing a published solution of the portfolio demo, when there is one."""
    from hub.portfolio.models import Solution, SolutionStatus

    solution = Solution.objects.filter(status=SolutionStatus.PUBLISHED).order_by("pk").first()
    if solution is None:
        return
    Replication.objects.get_or_create(
        solution=solution,
        comuna=Comuna.objects.get(cut="09101"),
        defaults={"status": "en_implementacion", "start_date": datetime.date(2025, 6, 1), "is_demo": True},
    )


def load(stdout):
    practices = _load_practices()
    _load_solution_replication()
    event = _load_event()
    _load_award(event, practices)
    stdout.write(
        f"Red de municipios demo: {Practice.objects.filter(is_demo=True).count()} experiencias, "
        f"{Replication.objects.filter(is_demo=True).count()} replicaciones, "
        "1 evento lleno con lista de espera, 1 premio."
    )
