"""Demo policy agenda: five items across stages with dated history, Hub positions, evidence, a year of
participation in public agendas, press mentions and international network activities. All marked Demo.

The boletín numbers are illustrative (valid format), not the real bills' numbers. Idempotent on titles.
"""

import datetime

from django.utils import timezone

from hub.accounts.models import User
from hub.agenda import services
from hub.agenda.models import AgendaItem, InternationalNetwork, Mention, NetworkActivity, Participation

NOTE = " (Demo: contenido ilustrativo.)"

# title, kind, boletin, chamber, institution, challenges, started days ago, moves [(stage, days ago, note)]
ITEMS = [
    ("Proyecto que fortalece la seguridad pública municipal", "proyecto_ley", "15980-25", "senado", "",
     ["seguridad"], 420, [("primer_tramite", 380, "Cuenta en sala"), ("comision", 300, "Comisión de Seguridad")]),
    ("Proyecto que moderniza la carrera funcionaria municipal", "proyecto_ley", "16120-06", "camara", "",
     ["capital_humano"], 500, [("primer_tramite", 470, ""), ("comision", 400, "Comisión de Gobierno Interior"),
                               ("segundo_tramite", 150, "Aprobado por la Cámara; pasa al Senado")]),
    ("Proyecto sobre financiamiento de la atención primaria municipal", "proyecto_ley", "14500-11", "camara", "",
     ["aps"], 900, [("comision", 850, "Comisión de Salud"), ("archivada", 200, "Archivado por falta de urgencia")]),
    ("Reglamento de valorización de residuos orgánicos domiciliarios", "reglamento", "", "",
     "Ministerio del Medio Ambiente", ["ambiental"], 260, [("toma_razon", 60, "Ingresa a Contraloría")]),
    ("Consulta pública: Estrategia de Gobierno Digital municipal", "consulta", "", "",
     "Secretaría de Gobierno Digital", ["digital", "capital_humano"], 120, [("cerrada", 75, "Cierre del plazo")]),
]

NETWORKS = [
    ("Ciudades y Gobiernos Locales Unidos", "CGLU / UCLG", "miembro", 2024,
     "Organización mundial de gobiernos locales y regionales.", "https://www.uclg.org"),
    ("Bloomberg Cities Network", "Bloomberg", "colaboracion", 2025,
     "Red de innovación urbana de Bloomberg Philanthropies.", "https://bloombergcities.jhu.edu"),
    ("Federación Canadiense de Municipalidades", "FCM", "colaboracion", 2025,
     "Cooperación técnica entre asociaciones municipales.", "https://fcm.ca"),
    ("Observatorio de Innovación del Sector Público de la OCDE", "OCDE OPSI", "observador", 2025,
     "Casos y métodos de innovación pública.", "https://oecd-opsi.org"),
]


def _staff():
    return User.objects.filter(username="equipo").first() or User.objects.filter(role="hub_staff").first()


def _items(staff, today):
    from hub.observatory.models import Indicator
    from hub.portfolio.models import LibraryItem

    library = LibraryItem.objects.order_by("pk").first()
    indicator = Indicator.objects.filter(code__in=["tasa_casos_policiales", "casos_policiales"]).first()
    for title, kind, boletin, chamber, institution, challenges, started, moves in ITEMS:
        if AgendaItem.objects.filter(title=title).exists():
            continue
        item = services.item_create(
            acting_user=staff, title=title, kind=kind, boletin=boletin, chamber=chamber, institution=institution,
            summary="Tema que el Hub sigue por su efecto en la gestión municipal." + NOTE,
            challenges=challenges, stage_since=today - datetime.timedelta(days=started), is_demo=True,
        )
        for stage, days_ago, note in moves:
            services.item_move(acting_user=staff, item_id=item.pk, to=stage,
                               on=today - datetime.timedelta(days=days_ago), note=note)
        if kind == "proyecto_ley" and item.stage != "archivada":
            services.position_add(
                acting_user=staff, item_id=item.pk, kind="exposicion", is_demo=True,
                title="Exposición del Hub: evidencia de 40 comunas" + NOTE,
                on=today - datetime.timedelta(days=moves[-1][1] - 10), committee=moves[-1][2] or "Comisión",
            )
        if kind == "consulta":
            services.position_add(acting_user=staff, item_id=item.pk, kind="respuesta_consulta", is_demo=True,
                                  title="Respuesta del Hub a la consulta" + NOTE,
                                  on=today - datetime.timedelta(days=80))
        if library is not None and kind == "reglamento":
            services.position_add(acting_user=staff, item_id=item.pk, kind="minuta", library_item=library,
                                  title="Minuta técnica del Hub" + NOTE, on=today - datetime.timedelta(days=90),
                                  is_demo=True)
            services.evidence_add(acting_user=staff, item_id=item.pk, kind="estudio", library_item=library,
                                  note="Base de la minuta")
        if indicator is not None and "seguridad" in challenges:
            services.evidence_add(acting_user=staff, item_id=item.pk, kind="indicador", indicator=indicator,
                                  note="Casos policiales por comuna (CEAD)")
        if "aps" in challenges or "digital" in challenges:
            services.evidence_add(acting_user=staff, item_id=item.pk, kind="piloto",
                                  title="Piloto de la red (Demo)", url="/pilotos/", note="Resultados preliminares")


def _networks(staff, today):
    networks = {}
    for name, short, relation, since, description, url in NETWORKS:
        network = InternationalNetwork.objects.filter(name=name).first()
        if network is None:
            network = services.network_create(acting_user=staff, name=name, short_name=short, relation=relation,
                                              since_year=since, description=description + NOTE, url=url,
                                              is_demo=True)
        networks[short] = network
    activities = [
        ("CGLU / UCLG", 330, "Consejo mundial: mesa de finanzas locales"),
        ("Bloomberg", 240, "Taller de innovación con datos para alcaldías"),
        ("FCM", 150, "Intercambio técnico sobre asociativismo municipal"),
        ("OCDE OPSI", 90, "Publicación de un caso chileno en la plataforma OPSI"),
        ("CGLU / UCLG", 30, "Congreso: panel de gobiernos locales de América Latina"),
    ]
    for short, days_ago, title in activities:
        network = networks[short]
        if not NetworkActivity.objects.filter(network=network, title=title).exists():
            services.network_activity_create(acting_user=staff, network_id=network.pk, title=title,
                                             on=today - datetime.timedelta(days=days_ago), is_demo=True,
                                             description="Actividad de demostración." + NOTE)
    return networks


def _participations(staff, today, networks):
    items = {i.title: i for i in AgendaItem.objects.all()}
    rows = [
        (350, "Exposición sobre seguridad municipal", "comision_congreso", "Comisión de Seguridad Pública del Senado",
         "exposicion", "seguridad", ITEMS[0][0], None),
        (310, "Mesa técnica de atención primaria", "ministerio", "Ministerio de Salud", "mesa", "aps", None, None),
        (280, "Consulta sobre residuos orgánicos", "ministerio", "Ministerio del Medio Ambiente", "consulta",
         "ambiental", ITEMS[3][0], None),
        (240, "Grupo de trabajo de gobierno digital", "ministerio", "Secretaría de Gobierno Digital",
         "grupo_trabajo", "digital", ITEMS[4][0], None),
        (200, "Mesa regional de seguridad", "gobierno_regional", "Gobierno Regional de La Araucanía", "mesa",
         "seguridad", None, None),
        (160, "Exposición sobre carrera funcionaria", "comision_congreso",
         "Comisión de Gobierno Interior de la Cámara", "exposicion", "capital_humano", ITEMS[1][0], None),
        (120, "Mesa de finanzas locales", "red_internacional", "CGLU / UCLG", "mesa", "", None, "CGLU / UCLG"),
        (80, "Respuesta a la consulta de gobierno digital", "ministerio", "Secretaría de Gobierno Digital",
         "consulta", "digital", ITEMS[4][0], None),
        (45, "Grupo de trabajo sobre innovación pública", "red_internacional", "OCDE OPSI", "grupo_trabajo",
         "digital", None, "OCDE OPSI"),
        (15, "Mesa de gestión de residuos", "gobierno_regional", "Gobierno Regional Metropolitano", "mesa",
         "ambiental", None, None),
    ]
    for days_ago, title, body_kind, body_name, kind, challenge, item_title, network in rows:
        if Participation.objects.filter(title=title).exists():
            continue
        services.participation_create(
            acting_user=staff, on=today - datetime.timedelta(days=days_ago), title=title, body_kind=body_kind,
            body_name=body_name, kind=kind, challenge=challenge, represented_by="Equipo del Hub (demo)",
            document_title="Minuta de la sesión (Demo)", agenda_item=items.get(item_title),
            network=networks.get(network) if network else None, is_demo=True,
        )


def _mentions(staff, today):
    rows = [
        ("prensa", "El Hub presenta datos de seguridad de 40 comunas", "Diario de demostración", 300, "seguridad"),
        ("publicacion", "Informe anual de gestión municipal", "Hub Nacional de Gobierno Local", 200, ""),
        ("academica", "Asociativismo municipal y evidencia", "Revista de demostración de políticas públicas", 140,
         "capital_humano"),
        ("prensa", "Municipios comparten cómo reciclar orgánicos", "Radio de demostración", 60, "ambiental"),
        ("prensa", "Entrevista sobre gobierno digital local", "Portal de demostración", 400, "digital"),
    ]
    for kind, title, outlet, days_ago, challenge in rows:
        if not Mention.objects.filter(title=title + " (Demo)").exists():
            services.mention_create(acting_user=staff, kind=kind, title=title + " (Demo)", outlet=outlet,
                                    on=today - datetime.timedelta(days=days_ago), challenge=challenge, is_demo=True)


def load(stdout):
    staff = _staff()
    if staff is None:
        stdout.write("Agenda demo: no hay cuenta del equipo; se omite.")
        return
    today = timezone.localdate()
    _items(staff, today)
    networks = _networks(staff, today)
    _participations(staff, today, networks)
    _mentions(staff, today)
    stdout.write(f"Agenda demo: {AgendaItem.objects.filter(is_demo=True).count()} temas, "
                 f"{Participation.objects.filter(is_demo=True).count()} participaciones.")
