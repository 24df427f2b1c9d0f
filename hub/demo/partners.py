"""Demo articulación: organisations, agreements, a working group and projects.

No public source lists the Hub's agreements, so every row here is fictitious and marked is_demo (a
"Demo" badge on screen). RUTs are made-up numbers with a valid check digit (stdnum), not real RUTs.
Dates are relative to today so one agreement is always about to expire and one action is overdue.
Idempotent: everything is looked up by its natural key (name / title) before being created.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from stdnum.cl import rut as rut_number

from hub.accounts.models import User
from hub.core.pdf import make_pdf
from hub.demo.accounts import demo_staff
from hub.partners import services
from hub.partners.models import (
    ActorType,
    AgreedAction,
    Agreement,
    AgreementStatus,
    Organization,
    OrganizationKind,
    Project,
    ProjectStatus,
    WorkingGroup,
    WorkingGroupMember,
    WorkingGroupSession,
)
from hub.territory.models import Comuna


def _staff() -> User:
    """The Hub team member who records the demo (the services check who acts)."""
    return demo_staff()


def demo_rut(number: int) -> str:
    """A RUT with a valid check digit for a made-up number (compact form, e.g. '609900019')."""
    return f"{number}{rut_number.calc_check_digit(str(number))}"


K = OrganizationKind
A = ActorType
ORGANIZATIONS = [
    # key, name, short name, actor type, kind, country, rut number or None, comuna CUT, website
    (
        "subdere",
        "Subsecretaría de Desarrollo Regional y Administrativo",
        "SUBDERE",
        A.ESTADO_CENTRAL,
        K.SERVICIO_PUBLICO,
        "CL",
        60990001,
        None,
        "https://www.subdere.gov.cl",
    ),
    (
        "minsal",
        "Ministerio de Salud",
        "MINSAL",
        A.ESTADO_CENTRAL,
        K.MINISTERIO,
        "CL",
        60990002,
        None,
        "https://www.minsal.cl",
    ),
    (
        "ufro",
        "Universidad de La Frontera",
        "UFRO",
        A.ACADEMIA,
        K.UNIVERSIDAD,
        "CL",
        70990003,
        None,
        "https://www.ufro.cl",
    ),
    (
        "usach",
        "Universidad de Santiago de Chile",
        "USACH",
        A.ACADEMIA,
        K.UNIVERSIDAD,
        "CL",
        70990004,
        None,
        "https://www.usach.cl",
    ),
    (
        "bid",
        "Banco Interamericano de Desarrollo",
        "BID",
        A.PRIVADO_COOPERACION,
        K.ORGANISMO_MULTILATERAL,
        "US",
        None,
        None,
        "https://www.iadb.org",
    ),
    (
        "giz",
        "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        "GIZ",
        A.PRIVADO_COOPERACION,
        K.AGENCIA_COOPERACION,
        "DE",
        None,
        None,
        "https://www.giz.de",
    ),
    (
        "fundacion",
        "Fundación Ciudad Abierta (demo)",
        "",
        A.PRIVADO_COOPERACION,
        K.FUNDACION,
        "CL",
        65990005,
        None,
        "",
    ),
    (
        "consultora",
        "Territorio Digital Consultores SpA (demo)",
        "",
        A.PRIVADO_COOPERACION,
        K.CONSULTORA,
        "CL",
        76990006,
        None,
        "",
    ),
    (
        "amuch",
        "Asociación de Municipalidades de Chile",
        "AMUCH",
        A.MUNICIPIOS,
        K.OTRO,
        "CL",
        65990007,
        None,
        "https://amuch.cl",
    ),
    ("nunoa", "Municipalidad de Ñuñoa", "", A.MUNICIPIOS, K.MUNICIPALIDAD, "CL", 69990008, "13120", ""),
    ("temuco", "Municipalidad de Temuco", "", A.MUNICIPIOS, K.MUNICIPALIDAD, "CL", 69990009, "09101", ""),
    ("valparaiso", "Municipalidad de Valparaíso", "", A.MUNICIPIOS, K.MUNICIPALIDAD, "CL", 69990010, "05101", ""),
]


DEMO_DOCUMENT_NOTE = "Documento de demostración, sin valor legal."
# The demo partner account (created by hub/accounts/demo.py) acts for this organisation, a party to a draft.
DEMO_PARTNER_USERNAME, DEMO_PARTNER_ORG = "socia.usach", "usach"


def _organizations() -> dict[str, Organization]:
    orgs = {}
    for key, name, short, actor, kind, country, number, cut, website in ORGANIZATIONS:
        org = Organization.objects.filter(name=name).first()
        if org is None:
            org = services.organization_create(
                acting_user=_staff(),
                name=name,
                short_name=short,
                actor_type=actor,
                kind=kind,
                country=country,
                rut=demo_rut(number) if number else "",
                comuna=Comuna.objects.get(cut=cut) if cut else None,
                website=website,
                is_demo=True,
            )
        orgs[key] = org
    return orgs


def _agreements(orgs, today) -> list[Agreement]:
    d = datetime.timedelta
    specs = [
        {
            "title": "Gestión de residuos domiciliarios en Temuco",
            "purpose": "Transferencia de recursos para diseñar e implementar un plan comunal de reciclaje y "
            "valorización de residuos orgánicos, con acompañamiento técnico del Hub.",
            "start": today - d(days=320),
            "end": today + d(days=45),  # expires within 60 days
            "parties": [("subdere", "financista"), ("temuco", "ejecutor"), ("amuch", "contraparte")],
            "transfers": [("subdere", "temuco", 85_000_000, "Transferencia para ejecución del plan")],
            "status": AgreementStatus.VIGENTE,
            "project": "residuos",
        },
        {
            "title": "Cooperación técnica para gobierno digital municipal",
            "purpose": "Cooperación técnica no reembolsable para fortalecer la interoperabilidad y los "
            "servicios digitales de municipios de tipología rural y semiurbana.",
            "start": today - d(days=30),
            "end": today + d(days=700),
            "parties": [("bid", "financista"), ("amuch", "ejecutor")],
            "transfers": [("bid", "amuch", 250_000_000, "Cooperación técnica no reembolsable")],
            "status": AgreementStatus.FIRMADO,
        },
        {
            "title": "Adaptación climática local en Valparaíso",
            "purpose": "Apoyo técnico para elaborar el plan local de cambio climático y formar equipos municipales.",
            "start": today - d(days=900),
            "end": today - d(days=120),
            "parties": [("giz", "financista"), ("valparaiso", "ejecutor"), ("amuch", "contraparte")],
            "transfers": [("giz", "valparaiso", 64_500_000, "Asistencia técnica y talleres")],
            "status": AgreementStatus.FINALIZADO,
        },
        {
            "title": "Datos de atención primaria para la gestión comunal de salud",
            "purpose": "Intercambio de datos agregados de atención primaria y desarrollo de tableros de gestión "
            "para la Dirección de Salud Municipal.",
            "start": today + d(days=30),
            "end": today + d(days=400),
            "parties": [("minsal", "contraparte"), ("nunoa", "ejecutor"), ("usach", "asesor")],
            "transfers": [("minsal", "nunoa", 40_000_000, "Desarrollo de tableros")],
            "status": AgreementStatus.BORRADOR,
            "project": "salud",
        },
        {
            "title": "Diagnóstico de madurez digital municipal",
            "purpose": "Servicio de diagnóstico de madurez digital en 20 municipios asociados.",
            "start": today - d(days=400),
            "end": today + d(days=100),
            "parties": [("amuch", "financista"), ("consultora", "ejecutor")],
            "transfers": [("amuch", "consultora", 18_750_000, "Honorarios del diagnóstico")],
            "status": AgreementStatus.TERMINADO,
            "reason": "Término de mutuo acuerdo: el alcance se integró a la cooperación técnica con el BID.",
        },
        {
            "title": "Laboratorio de participación ciudadana en Ñuñoa",
            "purpose": "Diseño y prueba de instrumentos de participación ciudadana digital con evaluación académica.",
            "start": today - d(days=150),
            "end": today + d(days=215),
            "parties": [("fundacion", "financista"), ("nunoa", "ejecutor"), ("ufro", "asesor")],
            "transfers": [
                ("fundacion", "nunoa", 22_000_000, "Implementación del laboratorio"),
                ("fundacion", "ufro", 6_300_000, "Evaluación académica"),
            ],
            "status": AgreementStatus.VIGENTE,
        },
    ]
    agreements = []
    for spec in specs:
        agreement = Agreement.objects.filter(title=spec["title"]).first()
        if agreement is None:
            agreement = services.agreement_create(
                acting_user=_staff(),
                title=spec["title"],
                purpose=spec["purpose"],
                start_date=spec["start"],
                end_date=spec["end"],
                is_demo=True,
            )
            for key, role in spec["parties"]:
                services.agreement_party_add(
                    acting_user=_staff(), agreement=agreement, organization=orgs[key], role=role
                )
            for payer, payee, amount, concept in spec["transfers"]:
                services.agreement_transfer_add(
                    acting_user=_staff(),
                    agreement=agreement, payer=orgs[payer], payee=orgs[payee], amount_clp=amount, concept=concept
                )
            status = spec["status"]
            if status != AgreementStatus.BORRADOR:
                services.agreement_sign(
                    acting_user=_staff(),
                    agreement=agreement,
                    document=ContentFile(make_pdf(spec["title"], DEMO_DOCUMENT_NOTE), name="convenio.pdf"),
                    signed_on=min(spec["start"], today),
                )
            if status in (AgreementStatus.VIGENTE, AgreementStatus.FINALIZADO, AgreementStatus.TERMINADO):
                services.agreement_activate(acting_user=_staff(), agreement=agreement)
            if status == AgreementStatus.FINALIZADO:
                services.agreement_finish(acting_user=_staff(), agreement=agreement)
            if status == AgreementStatus.TERMINADO:
                services.agreement_terminate(acting_user=_staff(), agreement=agreement, reason=spec["reason"])
        agreement.demo_project_key = spec.get("project")
        agreements.append(agreement)
    return agreements


def _projects(orgs, today) -> dict[str, Project]:
    d = datetime.timedelta
    specs = {
        "residuos": {
            "name": "Piloto de valorización de residuos orgánicos",
            "description": "Compostaje domiciliario y comunitario con medición de toneladas desviadas de relleno.",
            "status": ProjectStatus.EN_EJECUCION,
            "budget_clp": 120_000_000,
            "start_date": today - d(days=300),
            "end_date": today + d(days=200),
            "orgs": ["subdere", "ufro", "temuco", "valparaiso"],
            "comunas": ["09101", "05101"],
        },
        "salud": {
            "name": "Tablero comunal de atención primaria",
            "description": "Indicadores de atención primaria para la planificación de la salud municipal.",
            "status": ProjectStatus.FORMULACION,
            "budget_clp": 45_000_000,
            "start_date": today + d(days=30),
            "end_date": today + d(days=400),
            "orgs": ["minsal", "usach", "nunoa"],
            "comunas": ["13120"],
        },
    }
    projects = {}
    for key, spec in specs.items():
        project = Project.objects.filter(name=spec["name"]).first()
        if project is None:
            project = services.project_create(
                acting_user=_staff(),
                name=spec["name"],
                description=spec["description"],
                status=spec["status"],
                budget_clp=spec["budget_clp"],
                start_date=spec["start_date"],
                end_date=spec["end_date"],
                organizations=[orgs[k] for k in spec["orgs"]],
                comunas=list(Comuna.objects.filter(cut__in=spec["comunas"])),
                is_demo=True,
            )
        projects[key] = project
    return projects


def _working_group(orgs, today) -> WorkingGroup:
    d = datetime.timedelta
    name = "Mesa técnica de residuos y economía circular"
    group = WorkingGroup.objects.filter(name=name).first()
    if group is not None:
        return group
    group = services.working_group_create(
        acting_user=_staff(),
        name=name,
        purpose="Coordinar a SUBDERE, municipios y academia en la gestión de residuos orgánicos y el reciclaje.",
        organizations=[orgs["subdere"], orgs["temuco"], orgs["valparaiso"], orgs["ufro"], orgs["amuch"]],
        is_demo=True,
    )
    people = [
        ("Carolina Fuentes (demo)", "subdere", "Contraparte técnica"),
        ("Rodrigo Lagos (demo)", "temuco", "Director de Medio Ambiente"),
        ("Valentina Soto (demo)", "ufro", "Investigadora"),
        ("Equipo Hub (demo)", "amuch", "Secretaría técnica"),
    ]
    members = [
        services.working_group_member_add(
            acting_user=_staff(), group=group, external_name=n, organization=orgs[o], role=r
        )
        for n, o, r in people
    ]
    first = services.working_group_session_create(
        acting_user=_staff(),
        group=group,
        date=today - d(days=40),
        title="Constitución de la mesa",
        minutes="Se constituye la mesa, se acuerda el calendario de sesiones y la línea base de residuos.",
    )
    second = services.working_group_session_create(
        acting_user=_staff(),
        group=group,
        date=today - d(days=10),
        title="Avance del piloto de compostaje",
        minutes="Temuco presenta el avance del piloto. La universidad propone el protocolo de medición.",
    )
    services.agreed_action_create(
        acting_user=_staff(),
        session=first,
        description="Enviar la línea base de toneladas de residuos 2024",
        owner=members[1],
        due_date=today - d(days=5),  # overdue, not done
    )
    services.agreed_action_create(
        acting_user=_staff(),
        session=first,
        description="Circular el calendario de sesiones",
        owner=members[3],
        due_date=today - d(days=35),
        done=True,
    )
    services.agreed_action_create(
        acting_user=_staff(),
        session=second,
        description="Proponer el protocolo de medición del compost",
        owner=members[2],
        due_date=today + d(days=20),
    )
    return group


def _link_solutions(agreements) -> None:
    """Link demo agreements to published demo solutions when the portfolio's demo is already loaded.

    load_demo runs partners before portfolio, so on a fresh database this links nothing; a second
    load_demo (idempotent) links them.
    """
    from hub.portfolio.models import Solution, SolutionStatus

    solutions = list(Solution.objects.filter(is_demo=True, status=SolutionStatus.PUBLISHED).order_by("title")[:4])
    linkable = [a for a in agreements if a.status != AgreementStatus.BORRADOR]
    for index, solution in enumerate(solutions):
        linkable[index % len(linkable)].solutions.add(solution)


def load(stdout):
    today = timezone.localdate()
    orgs = _organizations()
    projects = _projects(orgs, today)
    agreements = _agreements(orgs, today)
    for agreement in agreements:
        key = getattr(agreement, "demo_project_key", None)
        if key:
            agreement.projects.add(projects[key])
    _working_group(orgs, today)
    _link_solutions(agreements)
    User.objects.filter(username=DEMO_PARTNER_USERNAME).update(organization=orgs[DEMO_PARTNER_ORG])
    stdout.write(
        f"Articulación demo: {len(orgs)} organizaciones, {len(agreements)} convenios, "
        f"{WorkingGroupSession.objects.filter(group__is_demo=True).count()} sesiones de mesa, "
        f"{AgreedAction.objects.filter(session__group__is_demo=True).count()} acuerdos, "
        f"{len(projects)} proyectos, {WorkingGroupMember.objects.filter(group__is_demo=True).count()} integrantes."
    )
